// Prisma 7 reads the connection from here, not from schema.prisma. `prisma generate` needs no
// database, so the URL is only demanded by commands that connect (migrate deploy in Docker).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
