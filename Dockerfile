# syntax=docker/dockerfile:1
#
# Targets:
#   app    (default) the vault service: `vault serve` on port 8080, data in /data
#   minio  MinIO built from source (the community edition ships no binaries)
# docker-compose.yml builds both. MINIO_VERSION takes any version `go install`
# accepts (a release tag or a pseudo-version): --build-arg MINIO_VERSION=...

ARG MINIO_VERSION=RELEASE.2025-10-15T17-29-55Z
# the newest community source, used when a module proxy refuses the release tag
# (as scripts/build-minio does; see docs/DESIGN.md)
ARG MINIO_FALLBACK=v0.0.0-20260212201848-7aac2a2c5b7c

FROM golang:1.25-bookworm AS minio-build
ARG MINIO_VERSION
ARG MINIO_FALLBACK
ENV CGO_ENABLED=0 GOBIN=/out GOFLAGS=-trimpath
RUN go install "github.com/minio/minio@${MINIO_VERSION}" \
 || { echo "MinIO ${MINIO_VERSION} refused; building ${MINIO_FALLBACK}" >&2; \
      go install "github.com/minio/minio@${MINIO_FALLBACK}"; }


FROM debian:bookworm-slim AS minio
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10002 --user-group --home-dir /data minio \
 && install -d -o minio -g minio /data
COPY --from=minio-build /out/minio /usr/local/bin/minio
COPY --chmod=0755 <<'EOF' /usr/local/bin/minio-server
#!/bin/sh
# MinIO starts with the well-known minioadmin credentials when none are given.
set -eu
case "${MINIO_ROOT_USER:-minioadmin}:${MINIO_ROOT_PASSWORD:-minioadmin}" in
  minioadmin:*|*:minioadmin)
    echo "minio-server: set MINIO_ROOT_USER and MINIO_ROOT_PASSWORD (no defaults)" >&2
    exit 64 ;;
esac
exec minio server "$@"
EOF

ENV MINIO_BROWSER=off
USER 10002:10002
VOLUME ["/data"]
EXPOSE 9000
ENTRYPOINT ["minio-server"]
CMD ["/data", "--address", ":9000"]


FROM python:3.11-slim-bookworm AS app-build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY . .
RUN python -m venv /opt/vault \
 && /opt/vault/bin/pip install --upgrade pip setuptools \
 && /opt/vault/bin/pip install .


FROM python:3.11-slim-bookworm AS app
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      tesseract-ocr tesseract-ocr-osd tesseract-ocr-fra tesseract-ocr-eng \
      tesseract-ocr-ara tesseract-ocr-fas tesseract-ocr-pus tesseract-ocr-tir \
      tesseract-ocr-amh tesseract-ocr-rus tesseract-ocr-ukr \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data vault \
 && install -d -o vault -g vault /data
COPY --from=app-build /opt/vault /opt/vault
ENV PATH=/opt/vault/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VAULT_ENV=production \
    VAULT_DATA_DIR=/data
USER 10001:10001
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8080
CMD ["vault", "serve", "--host", "0.0.0.0", "--port", "8080"]
