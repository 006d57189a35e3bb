# One image per role, built from the monorepo: `api`, `worker` and `web` targets.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.json codegen.ts ./
COPY packages/shared/package.json packages/shared/
COPY packages/api/package.json packages/api/
COPY packages/web/package.json packages/web/
COPY examples/partner-node/package.json examples/partner-node/
RUN npm ci --no-audit --no-fund
COPY packages packages
# The web build ships docs/connectors.md and docs/api.md as admin guides (/docs/*.html).
COPY docs docs
RUN npx turbo run build --filter=@soash/api --filter=@soash/web

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
# PDF reports: Debian's Chromium prints the web app's report page (docs/reports.md#pdf), with
# fonts for Latin, Greek and Cyrillic text.
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-liberation \
 && rm -rf /var/lib/apt/lists/*
ENV CHROMIUM_PATH=/usr/bin/chromium
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/api/package.json packages/api/
COPY packages/web/package.json packages/web/
COPY examples/partner-node/package.json examples/partner-node/
RUN npm ci --omit=dev --no-audit --no-fund --workspace @soash/api --include-workspace-root=false
COPY --from=build /app/packages/api/dist packages/api/dist
COPY packages/api/src/db/standin packages/api/src/db/standin
COPY packages/shared packages/shared
WORKDIR /app/packages/api
USER node

FROM runtime AS api
ENV WORKER_MODE=off SERVE_WEB=false PORT=4000
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --retries=5 CMD node -e "fetch('http://127.0.0.1:4000/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/main.js"]

FROM runtime AS worker
CMD ["node", "dist/worker.js"]

FROM nginx:1.27-alpine AS web
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY deploy/security-headers.conf /etc/nginx/snippets/security-headers.conf
COPY --from=build /app/packages/web/dist /usr/share/nginx/html
EXPOSE 80
