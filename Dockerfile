# triage in a container: config and state on volumes, secrets through the environment.
#   docker build -t triage .
#   docker run -d --name triage -v triage-config:/config -v triage-data:/data \
#       -e TRIAGE_IMAP_PASSWORD --restart unless-stopped triage run
# docs/deploy.md has the whole route (and the podman one for machines without a Docker daemon).

# The build stage installs triage and its pinned dependencies into a venv of their own; only that
# venv goes into the image (no sources, no pip, no build cache).
FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv --without-pip /opt/triage
WORKDIR /src
# The pins first, in a layer of their own, so changing the code does not download the dependencies again.
COPY constraints.txt ./
RUN pip --python /opt/triage/bin/python install --no-warn-script-location -r constraints.txt
COPY . .
# pip check: the pins satisfy what pyproject.toml asks for. The libraries' own test suites (about
# 65 MB of numpy, scipy and scikit-learn) are never imported, so they stay out.
RUN pip --python /opt/triage/bin/python install --no-deps -c constraints.txt . \
    && pip --python /opt/triage/bin/python check \
    && find /opt/triage/lib -path '*/site-packages/*' -type d -name tests -prune -exec rm -rf {} +

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH=/opt/triage/bin:$PATH \
    TRIAGE_CONFIG=/config/config.toml XDG_DATA_HOME=/data
COPY --from=build /opt/triage /opt/triage

RUN groupadd --gid 10001 triage && useradd --uid 10001 --gid triage --create-home triage \
    && mkdir -p /config /data && chown triage:triage /config /data
USER triage
# /config holds config.toml (and a CA file or password_file if the config names one); /data holds
# the state database, the user's trained models and an OAuth token file.
VOLUME ["/config", "/data"]
WORKDIR /home/triage

ENTRYPOINT ["triage"]
CMD ["once"]

# Healthy while the service runs and every account keeps in sync (docs/deploy.md, "Health that
# proves work"): red before the first good pass, and when a process that is up no longer reaches a
# mailbox. Meant for `run`: a one-shot `once` container has no service, so it never turns healthy.
HEALTHCHECK --interval=5m --timeout=30s --start-period=10m CMD ["triage", "status", "--check"]
