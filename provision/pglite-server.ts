// The start command's zero-setup database: PGlite (PostgreSQL compiled to WebAssembly) kept under
// .data/pglite and served over the PostgreSQL wire protocol, so the worker and the API connect to
// it exactly as they would to a real server. Usage: node pglite-server.js <dataDir> <port>
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

async function main() {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port) throw new Error('usage: pglite-server <dataDir> <port>');
  const db = await PGlite.create({ dataDir });
  // PGlite has one backend; the socket server multiplexes client connections onto it.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: Number(port), maxConnections: 32 });
  await server.start();
  console.log(`PGlite serving ${dataDir} on 127.0.0.1:${port}`);
  const stop = async () => {
    await server.stop();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
