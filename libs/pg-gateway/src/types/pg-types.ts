/** The Postgres types the gateway speaks, by name, with their OIDs, array OIDs and fixed lengths. */
export type PgTypeName =
  | 'bool'
  | 'bytea'
  | 'char'
  | 'name'
  | 'int8'
  | 'int2'
  | 'int4'
  | 'regproc'
  | 'text'
  | 'oid'
  | 'json'
  | 'float4'
  | 'float8'
  | 'unknown'
  | 'varchar'
  | 'date'
  | 'time'
  | 'timestamp'
  | 'timestamptz'
  | 'interval'
  | 'timetz'
  | 'numeric'
  | 'uuid'
  | 'jsonb';

export interface PgTypeInfo {
  name: PgTypeName;
  oid: number;
  arrayOid: number;
  /** typlen: the byte width, -1 for variable length. */
  length: number;
}

const TYPES: PgTypeInfo[] = [
  { name: 'bool', oid: 16, arrayOid: 1000, length: 1 },
  { name: 'bytea', oid: 17, arrayOid: 1001, length: -1 },
  { name: 'char', oid: 18, arrayOid: 1002, length: 1 },
  { name: 'name', oid: 19, arrayOid: 1003, length: 64 },
  { name: 'int8', oid: 20, arrayOid: 1016, length: 8 },
  { name: 'int2', oid: 21, arrayOid: 1005, length: 2 },
  { name: 'int4', oid: 23, arrayOid: 1007, length: 4 },
  { name: 'regproc', oid: 24, arrayOid: 1008, length: 4 },
  { name: 'text', oid: 25, arrayOid: 1009, length: -1 },
  { name: 'oid', oid: 26, arrayOid: 1028, length: 4 },
  { name: 'json', oid: 114, arrayOid: 199, length: -1 },
  { name: 'float4', oid: 700, arrayOid: 1021, length: 4 },
  { name: 'float8', oid: 701, arrayOid: 1022, length: 8 },
  { name: 'unknown', oid: 705, arrayOid: 0, length: -2 },
  { name: 'varchar', oid: 1043, arrayOid: 1015, length: -1 },
  { name: 'date', oid: 1082, arrayOid: 1182, length: 4 },
  { name: 'time', oid: 1083, arrayOid: 1183, length: 8 },
  { name: 'timestamp', oid: 1114, arrayOid: 1115, length: 8 },
  { name: 'timestamptz', oid: 1184, arrayOid: 1185, length: 8 },
  { name: 'interval', oid: 1186, arrayOid: 1187, length: 16 },
  { name: 'timetz', oid: 1266, arrayOid: 1270, length: 12 },
  { name: 'numeric', oid: 1700, arrayOid: 1231, length: -1 },
  { name: 'uuid', oid: 2950, arrayOid: 2951, length: 16 },
  { name: 'jsonb', oid: 3802, arrayOid: 3807, length: -1 },
];

const BY_NAME = new Map(TYPES.map((t) => [t.name, t]));
const BY_OID = new Map(TYPES.map((t) => [t.oid, t]));
const BY_ARRAY_OID = new Map(TYPES.filter((t) => t.arrayOid !== 0).map((t) => [t.arrayOid, t]));

/** A column or parameter type: a scalar type, or a one-dimensional array of one. */
export interface PgType {
  base: PgTypeName;
  array: boolean;
}

export function pgType(base: PgTypeName, array = false): PgType {
  return { base, array };
}

export function typeInfo(name: PgTypeName): PgTypeInfo {
  return BY_NAME.get(name) as PgTypeInfo;
}

export function typeOid(type: PgType): number {
  const info = typeInfo(type.base);
  return type.array ? info.arrayOid : info.oid;
}

export function typeLength(type: PgType): number {
  return type.array ? -1 : typeInfo(type.base).length;
}

/** The type a client named by OID; null for 0 (unspecified) and OIDs the gateway does not know. */
export function typeFromOid(oid: number): PgType | null {
  const scalar = BY_OID.get(oid);
  if (scalar) return { base: scalar.name, array: false };
  const element = BY_ARRAY_OID.get(oid);
  return element ? { base: element.name, array: true } : null;
}

/** Every known type (pg_type rows for catalog compatibility). */
export function knownTypes(): readonly PgTypeInfo[] {
  return TYPES;
}
