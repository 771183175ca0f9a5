import { describe, expect, it } from 'vitest';
import { allText, compiled, sqlOfField, view } from './helpers.js';

describe('geolocation option', () => {
  it('off (default): nothing in the generated project mentions geolocation', async () => {
    const result = await compiled();
    expect(result.diagnostics).toEqual([]);
    expect(allText(result)).not.toMatch(/geo|maxmind|latitude|longitude|ipv4_prefix16/i);
    expect(result.ir.views.map((v) => v.name)).toEqual(['cloudtrail_logs', 'cloudtrail_resources', 'actor_login_facts', 'actor_ip_facts']);
    expect(result.ir.athena.map((a) => a.name)).toEqual(['cloudtrail_logs.create-table']);
  });

  it('on: the GeoLite2 DDL files, the geoip_city view with country / city / location, and the join', async () => {
    const result = await compiled({ geolocation: { database: 'geo' } });
    expect(result.diagnostics).toEqual([]);
    const files = result.ir.athena;
    expect(files.map((f) => f.name)).toEqual([
      'cloudtrail_logs.create-table', 'geolite2_city_blocks_ipv4.create-table', 'geolite2_city_locations_en.create-table',
    ]);
    for (const f of files.slice(1)) {
      if (f.kind !== 'create-table') throw new Error('expected a table');
      expect(f.ddl.database).toBe('geo');
      expect(f.ddl.rowFormatSerde).toBe('org.apache.hadoop.hive.serde2.OpenCSVSerde');
      expect(f.ddl.storedAs).toBe('TEXTFILE');
      expect(f.ddl.tblProperties).toEqual([['skip.header.line.count', '1']]);
      expect(f.ddl.columns.every((c) => c.type === 'string')).toBe(true);
    }
    const geo = view(result, 'geoip_city');
    const location = geo.fields.find((f) => f.name === 'location');
    expect(location?.kind === 'dimension' ? location.type : undefined).toBe('location');
    expect(geo.fields.map((f) => f.name)).toEqual(expect.arrayContaining(['country', 'city', 'country_iso_code', 'location']));
    const join = result.ir.explores[0]!.joins!.find((j) => j.name === 'geoip_city')!;
    expect(join.relationship).toBe('many_to_one');
    const manifest = result.files!.find((f) => f.path === 'manifest.lkml')!.content;
    expect(manifest).toContain('constant: GEOIP_SCHEMA');
    // Only IPv4 sources get a join key.
    const key = view(result, 'cloudtrail_logs').fields.find((f) => f.name === 'source_ipv4_prefix16');
    expect(JSON.stringify(sqlOfField(key))).toContain('regexp_like(');
  });
});

describe('storage option', () => {
  it('json (default): the block reads the JSON table and no conversion script is generated', async () => {
    const result = await compiled();
    expect(result.ir.manifest.constants.CLOUDTRAIL_TABLE?.value).toBe('cloudtrail_logs');
    expect(result.ir.athena.some((f) => f.kind === 'script')).toBe(false);
  });

  it('parquet: the table constant switches and the CTAS / INSERT INTO scripts appear', async () => {
    const result = await compiled({ storage: 'parquet', schema: 'security', bucket: 's3://trail-bucket' });
    expect(result.diagnostics).toEqual([]);
    expect(result.ir.manifest.constants.CLOUDTRAIL_TABLE?.value).toBe('cloudtrail_logs_parquet');
    const scripts = result.ir.athena.filter((f) => f.kind === 'script');
    expect(scripts.map((s) => s.name)).toEqual(['cloudtrail_logs_parquet.ctas', 'cloudtrail_logs_parquet.insert-day']);
    const [ctas, insert] = scripts.map((s) => (s.kind === 'script' ? s.statements : []));
    expect(ctas).toHaveLength(1);
    expect(ctas![0]).toMatch(/^CREATE TABLE security\.cloudtrail_logs_parquet\nWITH \(\n  format = 'PARQUET',\n  parquet_compression = 'SNAPPY',\n  external_location = 's3:\/\/trail-bucket\/parquet\/cloudtrail_logs_parquet\/',\n  partitioned_by = ARRAY\['region', 'timestamp'\]\n\) AS\nSELECT\n/);
    // Partition columns last, in partitioned_by order; one day per statement (100-partition limit).
    expect(ctas![0]).toMatch(/"tlsdetails",\n  "region",\n  "timestamp"\nFROM security\.cloudtrail_logs\nWHERE "timestamp" = ':day'$/);
    expect(insert![0]).toMatch(/^INSERT INTO security\.cloudtrail_logs_parquet\nSELECT\n/);
    expect(insert![0]).toMatch(/WHERE "timestamp" = ':day'$/);
    for (const s of [...ctas!, ...insert!]) expect(s).not.toMatch(/;\s*$/);
    // Same views and explores: only the constant differs.
    const json = await compiled({ schema: 'security', bucket: 's3://trail-bucket' });
    const lookml = (r: typeof result) => r.files!.filter((f) => f.path.endsWith('.lkml') && f.path !== 'manifest.lkml').map((f) => f.content);
    expect(lookml(result)).toEqual(lookml(json));
  });

  it('parquet with manual partitions loads one year/month/day', async () => {
    const result = await compiled({ storage: 'parquet', partitioning: { layout: 'manual', account: '111122223333' } });
    const insert = result.ir.athena.find((f) => f.name.endsWith('.insert-day'));
    expect(insert?.kind === 'script' ? insert.statements[0] : '').toMatch(/"region",\n  "year",\n  "month",\n  "day"\nFROM default\.cloudtrail_logs\nWHERE "year" = ':year' AND "month" = ':month' AND "day" = ':dd'$/);
  });
});

describe('derived views', () => {
  it('unnest resources in the Trino form with the full alias list, pruned by date', async () => {
    const result = await compiled();
    const v = view(result, 'cloudtrail_resources');
    const sql = v.source.kind === 'derived' ? JSON.stringify(v.source.sql.chunks) : '';
    expect(sql).toContain('FROM \\"@{CLOUDTRAIL_SCHEMA}\\".\\"@{CLOUDTRAIL_TABLE}\\" AS t');
    expect(sql).toContain('CROSS JOIN UNNEST(t.resources) AS r(arn, accountid, type)');
    expect(sql).toContain('t.\\"timestamp\\" >= COALESCE(date_format(CAST({% date_start cloudtrail_logs.event_time_date %}');
    const join = result.ir.explores[0]!.joins!.find((j) => j.name === 'cloudtrail_resources')!;
    expect(join.relationship).toBe('one_to_many');
  });

  it('actor facts repeat the exact actor SQL of cloudtrail_logs and honour the date filter', async () => {
    const result = await compiled();
    const actor = view(result, 'cloudtrail_logs').fields.find((f) => f.name === 'actor')!;
    const actorText = sqlOfField(actor).chunks.map((c) => (typeof c === 'string' ? c : 't')).join('');
    expect(actorText).toContain("WHEN t.useridentity.type = 'Root' THEN 'root'");
    expect(actorText).toMatch(/^COALESCE\(CASE/);
    for (const name of ['actor_login_facts', 'actor_ip_facts']) {
      const v = view(result, name);
      const text = v.source.kind === 'derived' ? v.source.sql.chunks.join('') : '';
      expect(text.replace(/\n\s*/g, ' ')).toContain(`${actorText.replace(/\n\s*/g, ' ')} AS actor`);
      expect(text).toContain('{% condition cloudtrail_logs.event_time_date %} from_iso8601_timestamp(t.eventtime) {% endcondition %}');
      expect(text).toContain('{% date_start cloudtrail_logs.event_time_date %}');
      expect(text).not.toMatch(/LIMIT/);
      const join = result.ir.explores[0]!.joins!.find((j) => j.name === name)!;
      expect(join.relationship).toBe('many_to_one');
    }
  });
});
