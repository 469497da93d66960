# fliptj container image. Not built or tested on the development machines (no Docker there);
# build with `docker build -t fliptj .` and run with
#   docker run -p 8080:8080 -p 9000:9000 -v flipt-data:/var/opt/flipt fliptj
# Every FLIPT_* variable of README.md applies (-e FLIPT_DB_URL=postgres://...).

# 1. The web UI (Node, as the Maven build would run it).
FROM node:20-bookworm-slim AS ui
WORKDIR /src/flipt-ui
COPY flipt-ui/package.json flipt-ui/package-lock.json ./
RUN npm ci
COPY flipt-ui/ ./
RUN npm run build

# 2. The server jar, reusing the UI built above.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY flipt-api flipt-api
COPY flipt-ui flipt-ui
COPY flipt-service flipt-service
COPY flipt-bench flipt-bench
COPY --from=ui /src/flipt-ui/dist flipt-ui/dist
RUN mvn -B -q package -DskipTests -Dnpm.skip=true

# 3. The runtime: a JRE, the jar, the start script and config.yml; runs as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 flipt \
 && useradd --system --uid 10001 --gid flipt --home-dir /var/opt/flipt --shell /usr/sbin/nologin flipt \
 && mkdir -p /opt/flipt/bin /etc/flipt /var/opt/flipt \
 && chown flipt:flipt /var/opt/flipt
COPY --from=build /src/flipt-service/target/flipt.jar /opt/flipt/flipt.jar
COPY bin/flipt /opt/flipt/bin/flipt
COPY config.yml /etc/flipt/config.yml
WORKDIR /var/opt/flipt
USER flipt:flipt
# SQLite in the data volume unless FLIPT_DB_URL says otherwise; HTTPS needs a port an
# unprivileged user may bind when FLIPT_SERVER_PROTOCOL=https.
ENV FLIPT_DB_URL=file:/var/opt/flipt/flipt.db \
    FLIPT_SERVER_HTTPS_PORT=8443 \
    FLIPT_SERVER_SHUTDOWN_DELAY=5s
VOLUME /var/opt/flipt
# REST API and UI, admin (health checks, metrics), gRPC.
EXPOSE 8080 8081 9000
# The admin health check (plain HTTP whatever server.protocol is), without curl in the image.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${FLIPT_SERVER_ADMIN_PORT:-8081} && printf 'GET /healthcheck HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/flipt/bin/flipt"]
CMD ["/etc/flipt/config.yml"]
