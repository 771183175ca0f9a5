import { describe, expect, it } from 'vitest';
import { checkFragment } from '../../../../generator/validate/sql/fragment-context.js';
import { checkHiveDdl, isHiveDdl } from '../../../../generator/validate/sql/hive-ddl.js';
import { checkTrinoSql } from '../../../../generator/validate/sql/trino-grammar.js';

/** The AWS CloudTrail table (JsonSerDe + CloudTrailInputFormat) with partition projection. */
const CLOUDTRAIL_DDL = `CREATE EXTERNAL TABLE cloudtrail_logs (
eventversion STRING,
useridentity STRUCT<
  type:STRING,
  principalid:STRING,
  arn:STRING,
  onbehalfof: STRUCT<userid: STRING, identitystorearn: STRING>,
  sessioncontext:STRUCT<
    attributes:STRUCT<mfaauthenticated:STRING, creationdate:STRING>,
    ec2roledelivery:string,
    webidfederationdata: STRUCT<federatedprovider: STRING, attributes: map<string,string>>
  >
>,
eventtime STRING,
requestparameters STRING,
resources ARRAY<STRUCT<arn:STRING, accountid:STRING, type:STRING>>,
readonly STRING,
tlsdetails STRUCT<tlsversion:STRING, ciphersuite:STRING, clientprovidedhostheader:STRING>
)
PARTITIONED BY (\`timestamp\` string)
ROW FORMAT SERDE 'org.apache.hive.hcatalog.data.JsonSerDe'
STORED AS INPUTFORMAT 'com.amazon.emr.cloudtrail.CloudTrailInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://amzn-s3-demo-bucket/AWSLogs/account-id/CloudTrail/aws-region'
TBLPROPERTIES (
  'projection.enabled'='true',
  'projection.timestamp.format'='yyyy/MM/dd',
  'projection.timestamp.range'='2020/01/01,NOW',
  'projection.timestamp.type'='date',
  'storage.location.template'='s3://amzn-s3-demo-bucket/AWSLogs/account-id/CloudTrail/aws-region/\${timestamp}')`;

const broken = (from: string, to: string): string => {
  expect(CLOUDTRAIL_DDL).toContain(from);
  return CLOUDTRAIL_DDL.replace(from, to);
};

describe('Athena Hive DDL', () => {
  it('the Trino grammar rejects Hive DDL, which is why it has its own checker', () => {
    expect(checkTrinoSql(CLOUDTRAIL_DDL)[0]).toMatchObject({ line: 1, column: 8, rule: 'syntax' });
  });

  it('routes Hive DDL and keeps CTAS / INSERT with Trino', () => {
    expect(isHiveDdl(CLOUDTRAIL_DDL)).toBe(true);
    expect(isHiveDdl("ALTER TABLE t ADD PARTITION (region='us-east-1') LOCATION 's3://b/x/'")).toBe(true);
    expect(isHiveDdl('MSCK REPAIR TABLE t')).toBe(true);
    expect(isHiveDdl("CREATE TABLE ct WITH (format = 'PARQUET') AS SELECT 1 AS a")).toBe(false);
    expect(isHiveDdl('CREATE TABLE ct AS SELECT 1 AS a')).toBe(false);
    expect(isHiveDdl('INSERT INTO ct SELECT 1')).toBe(false);
  });

  it('accepts the CloudTrail CREATE EXTERNAL TABLE with PARTITIONED BY and TBLPROPERTIES', () => {
    expect(checkHiveDdl(CLOUDTRAIL_DDL)).toEqual([]);
    expect(checkFragment({ kind: 'statement', sql: CLOUDTRAIL_DDL })).toEqual([]);
    expect(checkFragment({ kind: 'statement', sql: `${CLOUDTRAIL_DDL};` })).toEqual([]);
  });

  it('accepts the manual-partition form and ALTER TABLE ADD PARTITION', () => {
    const manual = CLOUDTRAIL_DDL.replace('(`timestamp` string)', '(region string, year string, month string, day string)').replace(/\nTBLPROPERTIES[\s\S]*$/, '');
    expect(checkHiveDdl(manual)).toEqual([]);
    const alter = "ALTER TABLE cloudtrail_logs ADD\n  PARTITION (region='us-east-1', year='2019', month='02', day='01')\n  LOCATION 's3://b/AWSLogs/1/CloudTrail/us-east-1/2019/02/01/'";
    expect(checkFragment({ kind: 'statement', sql: alter })).toEqual([]);
  });

  it('CTAS and INSERT INTO … SELECT go through the Trino grammar', () => {
    expect(checkFragment({ kind: 'statement', sql: "CREATE TABLE ct WITH (format = 'PARQUET', partitioned_by = ARRAY['day']) AS SELECT eventname, day FROM cloudtrail_logs" })).toEqual([]);
    expect(checkFragment({ kind: 'statement', sql: "INSERT INTO ct SELECT eventname, day FROM cloudtrail_logs WHERE day = '01'" })).toEqual([]);
  });

  it('rejects an unbalanced "<" at its position', () => {
    expect(checkHiveDdl(broken('ARRAY<STRUCT<arn', 'ARRAY<STRUCT<<arn'))).toEqual([
      { line: 16, column: 24, message: "expected a struct field name, found '<'", rule: 'hive-ddl' },
    ]);
  });

  it('rejects a missing ">" and says which "<" is open', () => {
    expect(checkHiveDdl(broken('type:STRING>>,', 'type:STRING>,'))).toEqual([
      { line: 16, column: 66, message: "expected '>' to close ARRAY< opened at line 16, column 16, found ','", rule: 'hive-ddl' },
    ]);
  });

  it('rejects unknown types, unquoted properties, reserved names, non-S3 locations, trailing commas', () => {
    const first = (sql: string) => checkHiveDdl(sql).map((i) => [i.line, i.column, i.message]);
    expect(first(broken('eventversion STRING', 'eventversion STRNG'))[0]?.slice(0, 2)).toEqual([2, 14]);
    expect(first(broken("'projection.enabled'='true'", "projection.enabled='true'"))).toEqual([
      [26, 3, "a TBLPROPERTIES key must be a single-quoted string, found 'projection'"],
    ]);
    expect(first(broken('(`timestamp` string)', '(timestamp string)'))).toEqual([
      [20, 17, "partition column 'timestamp' is a reserved word in Athena DDL; quote it with backticks: `timestamp`"],
    ]);
    expect(first(broken("LOCATION 's3:", "LOCATION 'https:"))[0]?.slice(0, 2)).toEqual([24, 10]);
    expect(first(broken('clientprovidedhostheader:STRING>\n)', 'clientprovidedhostheader:STRING>,\n)'))).toEqual([
      [18, 90, 'trailing comma in the table column list'],
    ]);
    expect(first(broken('useridentity STRUCT', '"useridentity" STRUCT'))[0]?.slice(0, 2)).toEqual([3, 1]);
  });

  it('the Hive grammar catches what the structure check does not model', () => {
    const issues = checkHiveDdl("ALTER TABLE cloudtrail_logs ADD PARTITION (region='us-east-1' LOCATION 's3://b/'");
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]?.rule).toBe('hive-ddl');
  });
});
