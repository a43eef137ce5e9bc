# syntax=docker/dockerfile:1
#
# pactbot in a container: the release binary (the dataset is embedded in it)
# on a small Debian base, run as a non-root user with no writable files.
#
#   docker build -t pactbot .
#   docker run --rm -e DISCORD_PUBLIC_KEY=… -p 8080:8080 pactbot              # pactbot serve
#   docker run --rm -e DISCORD_TOKEN=… --no-healthcheck pactbot discord       # the gateway bot
#
# The two stages use the same Debian release, so the binary finds the glibc
# it was linked against. Kubernetes manifests: deploy/k8s/.

ARG RUST_VERSION=1.95
ARG DEBIAN_RELEASE=trixie

FROM rust:${RUST_VERSION}-slim-${DEBIAN_RELEASE} AS build
WORKDIR /src
# Everything the release build reads: the manifest and lock file, build.rs and
# the dataset it embeds, the fonts the charts embed, the sources, and benches/ (Cargo.toml declares those
# targets, so cargo wants their files even when it builds only the binary).
COPY Cargo.toml Cargo.lock build.rs ./
COPY data ./data
COPY assets ./assets
COPY benches ./benches
COPY src ./src
# The cache mounts keep downloaded crates and compiled dependencies between
# builds; the binary is copied out of the cached target dir in the same step.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin pactbot \
    && install -D -m 0755 target/release/pactbot /out/pactbot

FROM debian:${DEBIAN_RELEASE}-slim
# The only files added: the binary and the dataset-sync helper that the
# Kubernetes manifests run beside it (deploy/data-sync.sh, bash + coreutils).
COPY --from=build /out/pactbot /usr/local/bin/pactbot
COPY deploy/data-sync.sh /usr/local/bin/pactbot-data-sync
# A numeric uid and gid that exist nowhere else on the host: Kubernetes'
# runAsNonRoot can check a number, not a name, and nothing needs a home.
USER 10001:10001
ENV PACTBOT_LISTEN=0.0.0.0:8080 \
    RUST_LOG=warn,pactbot=info \
    NO_COLOR=1
EXPOSE 8080
# The image has no curl: bash's /dev/tcp sends the request. It probes
# `pactbot serve` (and the Telegram webhook listener, given the same port); run
# the gateway bot, which listens on nothing, with --no-healthcheck.
# Kubernetes ignores HEALTHCHECK and uses the probes in deploy/k8s/.
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PACTBOT_LISTEN##*:} && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -c 12 <&3 | grep -q ' 200$'"]
# pactbot finishes the requests in flight on SIGTERM (at most 10 s) and exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/pactbot"]
CMD ["serve"]
