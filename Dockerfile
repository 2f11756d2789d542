# The plugin for docker compose: Node 24 LTS, built with the same scripts as local development.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build
ENV NODE_ENV=production
EXPOSE 4000
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
