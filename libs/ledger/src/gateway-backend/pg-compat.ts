import type { DuckDBConnection } from '@duckdb/node-api';
import { knownTypes } from '@options-helper/pg-gateway';

/**
 * Postgres catalog objects the gateway's clients expect (psql, pgjdbc, DBeaver, Grafana). They are TEMP
 * macros and views of the session's own connection — nothing is ever written to the user's file — and the
 * gateway's catalog rewrite (libs/pg-gateway) points the shadowed catalog names at the pg_gw_* views.
 * DuckDB's main schema is shown as public.
 */
const PUBLIC = (col: string) => `CASE WHEN ${col} = 'main' THEN 'public' ELSE ${col} END`;

const COMPAT_SQL = [
  `CREATE OR REPLACE TEMP MACRO pg_get_userbyid(id) AS 'options_helper'`,
  `CREATE OR REPLACE TEMP MACRO pg_gw_type_oid_scalar(t) AS CASE
     WHEN t IN ('VARCHAR', 'ENUM') THEN 25 WHEN t = 'INTEGER' THEN 23 WHEN t IN ('BIGINT', 'UINTEGER') THEN 20
     WHEN t IN ('SMALLINT', 'TINYINT', 'UTINYINT') THEN 21 WHEN t = 'USMALLINT' THEN 23 WHEN t = 'BOOLEAN' THEN 16
     WHEN t = 'DOUBLE' THEN 701 WHEN t = 'FLOAT' THEN 700 WHEN t = 'DATE' THEN 1082 WHEN t = 'TIME' THEN 1083
     WHEN t IN ('TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS') THEN 1114 WHEN t = 'TIMESTAMP WITH TIME ZONE' THEN 1184
     WHEN t = 'INTERVAL' THEN 1186 WHEN t = 'BLOB' THEN 17 WHEN t = 'UUID' THEN 2950 WHEN t = 'JSON' THEN 114
     WHEN t LIKE 'DECIMAL%' OR t IN ('HUGEINT', 'UBIGINT', 'UHUGEINT') THEN 1700 ELSE 25 END`,
  `CREATE OR REPLACE TEMP MACRO pg_encoding_to_char(enc) AS 'UTF8'`,
  `CREATE OR REPLACE TEMP MACRO pg_get_function_arguments(oid) AS ''`,
  `CREATE OR REPLACE TEMP MACRO pg_get_function_result(oid) AS ''`,
  `CREATE OR REPLACE TEMP MACRO pg_get_function_identity_arguments(oid) AS ''`,
  `CREATE OR REPLACE TEMP MACRO pg_tablespace_location(oid) AS ''`,
  `CREATE OR REPLACE TEMP MACRO pg_database_size(x) AS 0`,
  `CREATE OR REPLACE TEMP MACRO pg_table_size(x) AS 0`,
  `CREATE OR REPLACE TEMP MACRO pg_relation_size(x) AS 0`,
  `CREATE OR REPLACE TEMP MACRO pg_total_relation_size(x) AS 0`,
  `CREATE OR REPLACE TEMP MACRO pg_size_pretty(x) AS format_bytes(x::BIGINT)`,
  `CREATE OR REPLACE TEMP MACRO pg_get_expr(expr, relid) AS expr::VARCHAR, (expr, relid, pretty) AS expr::VARCHAR`,
  `CREATE OR REPLACE TEMP MACRO pg_get_statisticsobjdef_columns(oid) AS ''`,
  `CREATE OR REPLACE TEMP MACRO pg_get_indexdef(ioid) AS (SELECT sql FROM duckdb_indexes() i WHERE i.index_oid = ioid),
     (ioid, col, pretty) AS (SELECT sql FROM duckdb_indexes() i WHERE i.index_oid = ioid)`,
  `CREATE OR REPLACE TEMP MACRO pg_get_constraintdef(coid) AS NULL::VARCHAR, (coid, pretty) AS NULL::VARCHAR`,
  `CREATE OR REPLACE TEMP MACRO has_database_privilege(a, b) AS true, (a, b, c) AS true`,
  `CREATE OR REPLACE TEMP MACRO has_table_privilege(a, b) AS true, (a, b, c) AS true`,
  `CREATE OR REPLACE TEMP MACRO has_schema_privilege(a, b) AS true, (a, b, c) AS true`,
  `CREATE OR REPLACE TEMP MACRO pg_is_in_recovery() AS false`,
  `CREATE OR REPLACE TEMP MACRO pg_postmaster_start_time() AS TIMESTAMPTZ '2000-01-01 00:00:00+00'`,
  `CREATE OR REPLACE TEMP MACRO quote_ident(s) AS CASE WHEN regexp_full_match(s, '[a-z_][a-z0-9_]*') THEN s ELSE '"' || replace(s, '"', '""') || '"' END`,
  `CREATE OR REPLACE TEMP MACRO txid_current() AS 1`,
  `CREATE OR REPLACE TEMP MACRO pg_relation_is_publishable(x) AS false`,
  `CREATE OR REPLACE TEMP MACRO pg_gw_version() AS 'PostgreSQL 15.0 (options-helper gateway on DuckDB ' || version() || ')'`,
  `CREATE OR REPLACE TEMP MACRO pg_gw_current_schema() AS 'public'`,
  `CREATE OR REPLACE TEMP MACRO pg_gw_current_schemas(implicit) AS CASE WHEN implicit THEN ['pg_catalog', 'public'] ELSE ['public'] END`,
  `CREATE OR REPLACE TEMP MACRO array_upper(arr, dim) AS len(arr)`,
  `CREATE OR REPLACE TEMP MACRO array_lower(arr, dim) AS CASE WHEN len(arr) > 0 THEN 1 END`,
  `CREATE OR REPLACE TEMP MACRO pg_backend_pid() AS 0`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_namespace AS
     SELECT oid, ${PUBLIC('nspname')} AS nspname, 10 AS nspowner, NULL::VARCHAR AS nspacl FROM pg_catalog.pg_namespace
     UNION ALL SELECT 11, 'pg_catalog', 10, NULL
     UNION ALL SELECT 12, 'information_schema', 10, NULL`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_class AS
     SELECT * REPLACE (coalesce(reloptions, []::VARCHAR[]) AS reloptions, 'd' AS relreplident), false AS relforcerowsecurity, CASE WHEN relkind = 'i' THEN 403 ELSE 2 END AS relam_pg, 'p' AS relreplident_pg,
            NULL::VARCHAR AS reloftype_name
     FROM pg_catalog.pg_class`,
  `CREATE OR REPLACE TEMP MACRO pg_gw_type_oid(t) AS CASE
     WHEN t LIKE '%[]' THEN CASE pg_gw_type_oid_scalar(t[:-3]) WHEN 16 THEN 1000 WHEN 21 THEN 1005 WHEN 23 THEN 1007 WHEN 20 THEN 1016
       WHEN 700 THEN 1021 WHEN 701 THEN 1022 WHEN 1082 THEN 1182 WHEN 1114 THEN 1115 WHEN 1184 THEN 1185 WHEN 1700 THEN 1231 ELSE 1009 END
     ELSE pg_gw_type_oid_scalar(t) END`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_attribute AS
     SELECT a.* REPLACE (
              pg_gw_type_oid(dc.data_type) AS atttypid,
              CASE WHEN dc.data_type LIKE 'DECIMAL%' THEN ((dc.numeric_precision << 16) | dc.numeric_scale) + 4 ELSE -1 END AS atttypmod,
              'p' AS attstorage, 0 AS attstattarget)
     FROM pg_catalog.pg_attribute a
     JOIN duckdb_columns() dc ON dc.table_oid = a.attrelid AND dc.column_index = a.attnum`,
  `CREATE OR REPLACE TEMP MACRO pg_gw_format_type(oid, typmod) AS CASE oid
     WHEN 16 THEN 'boolean' WHEN 17 THEN 'bytea' WHEN 18 THEN '"char"' WHEN 19 THEN 'name' WHEN 20 THEN 'bigint' WHEN 21 THEN 'smallint'
     WHEN 23 THEN 'integer' WHEN 25 THEN 'text' WHEN 26 THEN 'oid' WHEN 114 THEN 'json' WHEN 700 THEN 'real' WHEN 701 THEN 'double precision'
     WHEN 1043 THEN 'character varying' WHEN 1082 THEN 'date' WHEN 1083 THEN 'time without time zone'
     WHEN 1114 THEN 'timestamp without time zone' WHEN 1184 THEN 'timestamp with time zone' WHEN 1186 THEN 'interval'
     WHEN 1700 THEN CASE WHEN typmod IS NULL OR typmod < 4 THEN 'numeric' ELSE 'numeric(' || ((typmod - 4) >> 16) || ',' || ((typmod - 4) & 65535) || ')' END
     WHEN 2950 THEN 'uuid' WHEN 3802 THEN 'jsonb' WHEN 1000 THEN 'boolean[]' WHEN 1005 THEN 'smallint[]' WHEN 1007 THEN 'integer[]'
     WHEN 1016 THEN 'bigint[]' WHEN 1009 THEN 'text[]' WHEN 1021 THEN 'real[]' WHEN 1022 THEN 'double precision[]' WHEN 1182 THEN 'date[]'
     WHEN 1115 THEN 'timestamp without time zone[]' WHEN 1185 THEN 'timestamp with time zone[]' WHEN 1231 THEN 'numeric[]'
     ELSE NULL END`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_primary_keys AS
     SELECT ${PUBLIC('schema_name')} AS table_schem, table_name, column_name, key_seq::SMALLINT AS key_seq, table_name || '_pkey' AS pk_name
     FROM (SELECT schema_name, table_name, unnest(constraint_column_names) AS column_name,
                  generate_subscripts(constraint_column_names, 1) AS key_seq
           FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY' AND database_name = current_database())`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_am AS SELECT 2::BIGINT AS oid, 'heap' AS amname, 't' AS amtype UNION ALL SELECT 403, 'btree', 'i' UNION ALL SELECT 405, 'hash', 'i'`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_auth_members AS SELECT 0::BIGINT AS roleid, 0::BIGINT AS member, 0::BIGINT AS grantor, false AS admin_option WHERE false`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_inherits AS SELECT 0::BIGINT AS inhrelid, 0::BIGINT AS inhparent, 0 AS inhseqno, false AS inhdetachpending WHERE false`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_empty_policy AS SELECT 0::BIGINT AS oid, '' AS polname, 0::BIGINT AS polrelid, '' AS polcmd, true AS polpermissive, NULL::BIGINT[] AS polroles, NULL::VARCHAR AS polqual, NULL::VARCHAR AS polwithcheck WHERE false`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_empty_statistic_ext AS SELECT 0::BIGINT AS oid, 0::BIGINT AS stxrelid, '' AS stxname, 0::BIGINT AS stxnamespace, 0::BIGINT AS stxowner, 0 AS stxstattarget, NULL::INTEGER[] AS stxkeys, NULL::VARCHAR[] AS stxkind, NULL::VARCHAR AS stxexprs WHERE false`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_empty_publication AS SELECT 0::BIGINT AS oid, '' AS pubname, 0::BIGINT AS pubowner, false AS puballtables, false AS pubinsert, false AS pubupdate, false AS pubdelete, false AS pubtruncate, false AS pubviaroot WHERE false`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_empty_publication_rel AS SELECT 0::BIGINT AS oid, 0::BIGINT AS prpubid, 0::BIGINT AS prrelid, NULL::VARCHAR AS prqual, NULL::INTEGER[] AS prattrs WHERE false`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_empty_publication_namespace AS SELECT 0::BIGINT AS oid, 0::BIGINT AS pnpubid, 0::BIGINT AS pnnspid WHERE false`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_empty_trigger AS SELECT 0::BIGINT AS oid, 0::BIGINT AS tgrelid, 0::BIGINT AS tgparentid, '' AS tgname, 0::BIGINT AS tgfoid, 0 AS tgtype, 'O' AS tgenabled, false AS tgisinternal, 0::BIGINT AS tgconstrrelid, 0::BIGINT AS tgconstrindid, 0::BIGINT AS tgconstraint, false AS tgdeferrable, false AS tginitdeferred, 0 AS tgnargs WHERE false`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_empty_rewrite AS SELECT 0::BIGINT AS oid, '' AS rulename, 0::BIGINT AS ev_class, '' AS ev_type, '' AS ev_enabled, false AS is_instead WHERE false`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_empty_foreign_table AS SELECT 0::BIGINT AS ftrelid, 0::BIGINT AS ftserver, NULL::VARCHAR[] AS ftoptions WHERE false`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_empty_partitioned_table AS SELECT 0::BIGINT AS partrelid, '' AS partstrat, 0 AS partnatts, 0::BIGINT AS partdefid WHERE false`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_database AS
     SELECT 1::BIGINT AS oid, current_database() AS datname, 10 AS datdba, 6 AS encoding, 'c' AS datlocprovider,
            'C' AS datcollate, 'C' AS datctype, NULL::VARCHAR AS daticulocale, NULL::VARCHAR AS datcollversion,
            false AS datistemplate, true AS datallowconn, -1 AS datconnlimit, 1663 AS dattablespace, NULL::VARCHAR AS datacl`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_roles AS
     SELECT 10::BIGINT AS oid, 10::BIGINT AS usesysid, 'options_helper' AS rolname, 'options_helper' AS usename, false AS rolsuper, false AS usesuper,
            true AS rolinherit, false AS rolcreaterole, false AS rolcreatedb, false AS usecreatedb, true AS rolcanlogin,
            false AS rolreplication, false AS userepl, false AS rolbypassrls, false AS usebypassrls, -1 AS rolconnlimit,
            '********' AS rolpassword, '********' AS passwd, NULL::TIMESTAMPTZ AS rolvaliduntil, NULL::TIMESTAMPTZ AS valuntil,
            NULL::VARCHAR[] AS rolconfig, NULL::VARCHAR[] AS useconfig`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_settings AS
     SELECT name, value AS setting, NULL::VARCHAR AS unit, 'Ungrouped' AS category, description AS short_desc, 'user' AS context,
            input_type AS vartype, 'default' AS source, NULL::VARCHAR AS min_val, NULL::VARCHAR AS max_val FROM duckdb_settings()`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_is_schemata AS
     SELECT catalog_name, ${PUBLIC('schema_name')} AS schema_name, 'options_helper' AS schema_owner,
            NULL::VARCHAR AS default_character_set_catalog, NULL::VARCHAR AS default_character_set_schema,
            NULL::VARCHAR AS default_character_set_name, NULL::VARCHAR AS sql_path
     FROM information_schema.schemata WHERE catalog_name = current_database()`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_is_tables AS
     SELECT table_catalog, ${PUBLIC('table_schema')} AS table_schema, table_name, table_type, self_referencing_column_name,
            reference_generation, user_defined_type_catalog, user_defined_type_schema, user_defined_type_name,
            is_insertable_into, is_typed, commit_action
     FROM information_schema.tables WHERE table_catalog = current_database()`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_is_views AS
     SELECT table_catalog, ${PUBLIC('table_schema')} AS table_schema, table_name, view_definition, check_option,
            is_updatable, is_insertable_into, is_trigger_updatable, is_trigger_deletable, is_trigger_insertable_into
     FROM information_schema.views WHERE table_catalog = current_database()`,
  `CREATE OR REPLACE TEMP VIEW pg_gw_is_columns AS
     SELECT table_catalog, ${PUBLIC('table_schema')} AS table_schema, table_name, column_name, ordinal_position, column_default,
            is_nullable,
            CASE WHEN data_type = 'VARCHAR' THEN 'text' WHEN data_type = 'INTEGER' THEN 'integer' WHEN data_type = 'BIGINT' THEN 'bigint'
                 WHEN data_type = 'SMALLINT' THEN 'smallint' WHEN data_type = 'DOUBLE' THEN 'double precision' WHEN data_type = 'FLOAT' THEN 'real'
                 WHEN data_type = 'BOOLEAN' THEN 'boolean' WHEN data_type = 'DATE' THEN 'date' WHEN data_type = 'TIME' THEN 'time without time zone'
                 WHEN data_type = 'TIMESTAMP' THEN 'timestamp without time zone' WHEN data_type = 'TIMESTAMP WITH TIME ZONE' THEN 'timestamp with time zone'
                 WHEN data_type = 'BLOB' THEN 'bytea' WHEN data_type = 'UUID' THEN 'uuid' WHEN data_type = 'JSON' THEN 'json'
                 WHEN data_type = 'INTERVAL' THEN 'interval' WHEN data_type LIKE 'DECIMAL%' THEN 'numeric' WHEN data_type LIKE '%[]' THEN 'ARRAY'
                 ELSE lower(data_type) END AS data_type,
            character_maximum_length, character_octet_length, numeric_precision, numeric_precision_radix, numeric_scale,
            datetime_precision, interval_type, interval_precision, character_set_catalog, character_set_schema, character_set_name,
            collation_catalog, collation_schema, collation_name, domain_catalog, domain_schema, domain_name,
            table_catalog AS udt_catalog, 'pg_catalog' AS udt_schema, lower(data_type) AS udt_name, 'NO' AS is_identity, 'NEVER' AS is_generated,
            'YES' AS is_updatable
     FROM information_schema.columns WHERE table_catalog = current_database()`,
];

const CATEGORY: Record<string, string> = {
  bool: 'B', int2: 'N', int4: 'N', int8: 'N', float4: 'N', float8: 'N', numeric: 'N', oid: 'N', regproc: 'N',
  date: 'D', time: 'D', timestamp: 'D', timestamptz: 'D', timetz: 'D', interval: 'T', unknown: 'X', json: 'U', jsonb: 'U', uuid: 'U', bytea: 'U',
};

/** pg_type with Postgres' own OIDs for every type the gateway speaks, and their array types. */
function pgTypeView(): string {
  const rows: string[] = [];
  for (const t of knownTypes()) {
    const cat = CATEGORY[t.name] ?? 'S';
    rows.push(`(${t.oid}, '${t.name}', ${t.length}, 'b', '${cat}', 0, ${t.arrayOid}, '${t.name}in', '${t.name}out', '${t.name}recv', '${t.name}send')`);
    if (t.arrayOid !== 0) rows.push(`(${t.arrayOid}, '_${t.name}', -1, 'b', 'A', ${t.oid}, 0, 'array_in', 'array_out', 'array_recv', 'array_send')`);
  }
  return `CREATE OR REPLACE TEMP VIEW pg_gw_type AS
    SELECT oid::BIGINT AS oid, typname, 11::BIGINT AS typnamespace, 10::BIGINT AS typowner, typlen::SMALLINT AS typlen,
           typlen > 0 AND typlen <= 8 AS typbyval, typtype, typcategory, false AS typispreferred, true AS typisdefined, ',' AS typdelim,
           0::BIGINT AS typrelid, typelem::BIGINT AS typelem, typarray::BIGINT AS typarray, typinput, typoutput, typreceive, typsend,
           '-' AS typmodin, '-' AS typmodout, '-' AS typanalyze, 'i' AS typalign, 'p' AS typstorage, false AS typnotnull,
           0::BIGINT AS typbasetype, -1 AS typtypmod, 0 AS typndims, 0::BIGINT AS typcollation, NULL::VARCHAR AS typdefaultbin,
           NULL::VARCHAR AS typdefault, NULL::VARCHAR AS typacl
    FROM (VALUES ${rows.join(', ')}) v(oid, typname, typlen, typtype, typcategory, typelem, typarray, typinput, typoutput, typreceive, typsend)`;
}

export async function installPgCompat(conn: DuckDBConnection): Promise<void> {
  for (const sql of COMPAT_SQL) await conn.run(sql);
  await conn.run(pgTypeView());
}
