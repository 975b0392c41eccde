# One image for every service; the command picks the service: `ledger`, `ingest`, `compute`, `checks` or
# `orchestrator`.
# The services run their TypeScript sources through SWC at start-up (bin/run-ts.js), as `npm start` does.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    OPTIONS_HELPER_DATA_DIR=/data \
    OPTIONS_HELPER_DUCKDB_PATH=/data/warehouse/options.duckdb \
    OPTIONS_HELPER_MIGRATIONS_DIR=/app/migrations
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.base.json ./
COPY bin ./bin
COPY libs ./libs
COPY apps ./apps
COPY migrations ./migrations
RUN groupadd --system --gid 10001 options-helper \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin options-helper \
 && mkdir -p /data && chown -R 10001:10001 /data
USER 10001:10001
EXPOSE 7410 7411 7412 7413 7414
ENTRYPOINT ["node", "bin/service.js"]
CMD ["ledger"]
