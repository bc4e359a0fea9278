# syntax=docker/dockerfile:1
# One image for every service of docker-compose.yml (clearance-engine, status-publisher,
# admin-api, trade-delivery and the one-shot migration); the compose file picks the command per service.
#   docker build -t priority-clearance .
#   docker run --rm -e KAFKA_BROKERS=... -e DATABASE_URL=... priority-clearance \
#     node -r ./scripts/paths.js dist/apps/clearance-engine/src/main.js

# ---- build: all dependencies, compile TypeScript to dist/
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts are needed (the only ones in the tree print banners or build optional
# native add-ons of test-only dependencies).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY scripts ./scripts
# watch-status borrows the demo's colours; npm start runs the supervisor.
COPY demo/src/ansi.ts ./demo/src/ansi.ts
COPY supervisor ./supervisor
RUN npm run build

# ---- runtime: production dependencies + compiled output only
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# The dashboard page (/ui): plain files, served as they are.
COPY apps/admin-api/ui ./apps/admin-api/ui
# scripts/paths.js maps the @app/* aliases onto dist/ and reads ../tsconfig.json for them.
COPY scripts/paths.js ./scripts/paths.js
COPY tsconfig.json ./tsconfig.json
USER node
EXPOSE 3000
CMD ["node", "-r", "./scripts/paths.js", "dist/apps/admin-api/src/main.js"]
