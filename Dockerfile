# One image for the API, the worker and the one-shot migration; docker-compose.yml picks the command.

# Debian (glibc), not Alpine (musl): the Temporal worker's native bridge ships glibc builds only.
FROM node:20.20.2-bookworm-slim AS base
# bookworm-slim has no libssl. Prisma's schema engine (`prisma migrate deploy`) links against it,
# and Prisma's install step reads the OpenSSL version to choose which engine build to download.
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

FROM base AS build
COPY package.json package-lock.json ./
# Exactly the committed lockfile, which lists every platform's optional native binaries.
RUN npm ci --no-audit --no-fund --loglevel=error
COPY . .
# npm run build compiles to dist/ and writes the workflow bundle the worker loads at start
# (dist/workflow-bundle/), so a container that restarts takes work again in seconds.
RUN npx --no-install prisma generate && npm run build
# The runtime needs no compiler, linter or test tools; the prisma CLI is a runtime dependency
# (migrations), and webpack/swc come in through @temporalio/worker.
RUN npm prune --omit=dev --no-audit --no-fund --loglevel=error

FROM base AS runtime
ENV NODE_ENV=production
# prisma/ and package.json are also how the code finds the project root (config/paths.ts).
COPY --from=build /app/package.json /app/package-lock.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/generated ./generated
COPY --from=build /app/prisma ./prisma
USER node
EXPOSE 3000
CMD ["node", "dist/api/main.js"]
