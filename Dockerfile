# syntax=docker/dockerfile:1
# 工友驿站: build once, run as plain JavaScript on Node 22 LTS as an unprivileged user (docs/DEPLOY.md).
#   docker build --target server -t gongyou/server .   API + h5 page; also runs the bot (command bot/main.js)
#   docker build --target web    -t gongyou/web .      nginx with the h5 build and the TLS settings

# ---- build: every dependency, the h5 app and dist/ --------------------------------------------
FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
# npm ci refuses Taro's lockfile (platform packages the registry lacks, see README); npm install
# with the committed lockfile installs the same tree and leaves it unchanged.
RUN npm install --no-audit --no-fund --loglevel=error
COPY . .
RUN npm run build:h5 && npm run build

# ---- server: production dependencies only, no TypeScript, no build tools ---------------------
FROM node:22-bookworm-slim AS server
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 H5_DIR=/app/h5 DATA_FILE=/data/db.json
WORKDIR /app
COPY --from=build /src/dist/package.json /src/dist/package-lock.json /src/dist/.npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error && npm cache clean --force
COPY --from=build /src/dist/ ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server/main.js"]

# ---- web: nginx serving the h5 build, proxying the API and the page itself to the servers ----
FROM nginx:1.27-bookworm AS web
COPY deploy/nginx/gongyou.conf /etc/nginx/conf.d/default.conf
COPY --from=build /src/miniapp/dist/h5 /usr/share/nginx/html
