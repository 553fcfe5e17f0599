# triage in a container: config and state on volumes, secrets through the environment.
#   docker build -t triage .
#   docker run --rm -v triage-config:/config -v triage-data:/data \
#       -e TRIAGE_IMAP_PASSWORD triage once
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    TRIAGE_CONFIG=/config/config.toml XDG_DATA_HOME=/data

WORKDIR /src
COPY pyproject.toml README.md ./
COPY triage ./triage
COPY models ./models
COPY corpus ./corpus
RUN pip install --no-cache-dir . && rm -rf /src

RUN useradd --create-home --uid 10001 triage && mkdir -p /config /data && chown triage /config /data
USER triage
VOLUME ["/config", "/data"]
WORKDIR /home/triage

ENTRYPOINT ["triage"]
CMD ["once"]

# Healthy while passes keep succeeding (the last good pass is at most three poll intervals old).
HEALTHCHECK --interval=5m --timeout=30s --start-period=10m CMD ["triage", "status", "--check"]
