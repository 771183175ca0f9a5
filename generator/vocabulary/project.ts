/** The model file, the manifest and the Athena files of a block. */
import type { ConstantExport } from './lookml-values.js';

export interface Datagroup {
  readonly name: string;
  readonly label?: string;
  readonly description?: string;
  readonly sqlTrigger?: string;
  readonly intervalTrigger?: string;
  readonly maxCacheAge?: string;
}

export interface ModelDef {
  /** File stem: `<name>.model.lkml`; also the `model:` of dashboard tiles. */
  readonly name: string;
  readonly label?: string;
  readonly connection: string;
  readonly includes: readonly string[];
  readonly datagroups?: readonly Datagroup[];
  readonly persistWith?: string;
  readonly weekStartDay?: 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
}

export interface Constant {
  readonly value: string;
  readonly export?: ConstantExport;
}

export interface ManifestDef {
  readonly projectName: string;
  readonly constants: Readonly<Record<string, Constant>>;
}

/** One column or partition key of a Hive DDL. */
export interface DdlColumn {
  readonly name: string;
  /** Hive type text, e.g. `string` or `struct<arn:string>`. */
  readonly type: string;
  readonly comment?: string;
}

/** A CREATE EXTERNAL TABLE statement for Athena. */
export interface TableDdl {
  readonly database?: string;
  readonly table: string;
  readonly columns: readonly DdlColumn[];
  readonly partitionedBy: readonly DdlColumn[];
  readonly rowFormatSerde?: string;
  readonly inputFormat?: string;
  readonly outputFormat?: string;
  /** `STORED AS PARQUET` style, instead of input/output formats. */
  readonly storedAs?: string;
  readonly location: string;
  readonly tblProperties: readonly (readonly [string, string])[];
}

/** A file under `athena/`: a table DDL, or a script of statements to run in order. */
export type AthenaFile =
  | { readonly kind: 'create-table'; readonly name: string; readonly description: string; readonly ddl: TableDdl }
  | { readonly kind: 'script'; readonly name: string; readonly description: string; readonly statements: readonly string[] };
