/** The DuckDB client, loaded lazily: `cvm --help` and the pure modules never load the native module. */
let loaded: Promise<typeof import('@duckdb/node-api')> | null = null;
/** The DuckDB client module, imported once on first use. */
export const duckdbModule = (): Promise<typeof import('@duckdb/node-api')> => (loaded ??= import('@duckdb/node-api'));
