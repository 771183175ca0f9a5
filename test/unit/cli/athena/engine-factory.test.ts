/** The Athena test seam reaches only work started inside withAthenaSeam; production builds its own client. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AthenaClient } from '@aws-sdk/client-athena';
import { openAthena, withAthenaSeam } from '../../../../generator/cli/engine-factory.js';
import { UsageError } from '../../../../generator/cli/errors.js';
import { cloudtrailBlock } from '../../../../model/index.js';
import { fakeClient } from './fake-athena.js';

const BLOCK = cloudtrailBlock();
afterEach(() => vi.unstubAllEnvs());

describe('openAthena and the seam', () => {
  it('outside a seam: the engine builds its own SDK client for the region (default credential chain)', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAFACTORYTEST00001');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'factory-test-secret-value');
    const seamClient = fakeClient('us-east-1');
    const inside = await withAthenaSeam({ client: () => seamClient }, () => openAthena(BLOCK, { region: 'us-east-1' }));
    const outside = await openAthena(BLOCK, { region: 'eu-west-1', workgroup: 'wg', database: 'security', concurrency: '7', timeout: '12' });
    try {
      expect(inside.client).toBe(seamClient);
      expect(outside.client).not.toBe(seamClient);
      expect(outside.client).toBeInstanceOf(AthenaClient);
      expect(await outside.client.config.region()).toBe('eu-west-1');
      expect(outside.options).toMatchObject({ region: 'eu-west-1', workgroup: 'wg', database: 'security', concurrency: 7, timeoutMs: 12_000 });
      expect(outside.options.sleep).toBeUndefined();
    } finally {
      await Promise.all([inside.close(), outside.close()]);
    }
  });

  it('a seam client whose credentials fail is still preflighted: UsageError, the engine closed', async () => {
    const failing = (region: string) =>
      new AthenaClient({ region, credentials: async () => { throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }); } });
    await expect(withAthenaSeam({ client: failing }, () => openAthena(BLOCK, { region: 'us-east-1' }))).rejects.toThrow(UsageError);
  });

  it('no region anywhere is a usage error', async () => {
    vi.stubEnv('AWS_REGION', '');
    vi.stubEnv('AWS_DEFAULT_REGION', '');
    await expect(openAthena(BLOCK, {})).rejects.toThrow(/--engine athena needs --region/);
  });
});
