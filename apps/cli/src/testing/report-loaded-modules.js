// Preloaded with `node -r` by the CLI tests: prints which heavy frameworks a command loaded.
process.on('exit', () => {
  const loaded = Object.keys(require.cache);
  const heavy = ['@nestjs', '@duckdb', 'express', 'prom-client'].filter((name) => loaded.some((p) => p.includes(`node_modules/${name}`)));
  process.stderr.write(`\nLOADED_HEAVY=${JSON.stringify(heavy)}\n`);
});
