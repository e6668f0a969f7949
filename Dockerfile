# syntax=docker/dockerfile:1
# One multi-stage file for both images:
#   docker build --target api    -t saas-api .
#   docker build --target worker -t saas-worker .
# The final images hold the built bundles and the production dependencies
# only, run as the unprivileged `node` user, and carry a HEALTHCHECK.
# Node 24 (LTS): the API serves ~20 % more per CPU than on 20 (docs/benchmarks.md, ADR 005).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable

# All dependencies, to build.
FROM base AS build
COPY package.json yarn.lock .yarnrc.yml ./
RUN yarn install --immutable
COPY . .
RUN node_modules/.bin/webpack --config apps/api/webpack.config.js \
 && node_modules/.bin/webpack --config apps/worker/webpack.config.js

# Production dependencies only.
FROM base AS prod-deps
COPY package.json yarn.lock .yarnrc.yml ./
RUN yarn workspaces focus --all --production

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json ./
USER node

FROM runtime AS api
COPY --from=build --chown=node:node /app/dist/apps/api ./dist/apps/api
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The migration one-off task overrides the command: ["node", "dist/apps/api/migrate.js"]
CMD ["node", "--enable-source-maps", "dist/apps/api/main.js"]

FROM runtime AS worker
COPY --from=build --chown=node:node /app/dist/apps/worker ./dist/apps/worker
# The worker has no HTTP server: healthy while its process runs and Redis answers.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "const s=require('net').connect({host:new URL(process.env.REDIS_URL).hostname,port:+(new URL(process.env.REDIS_URL).port||6379)});s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1))"
CMD ["node", "--enable-source-maps", "dist/apps/worker/main.js"]
