# syntax=docker/dockerfile:1
# reportedly: the REST service with its models inside the image.
#   docker build -t reportedly .
#   docker run -p 8000:8000 reportedly
# Configuration is by environment only (see the README's configuration table).

FROM python:3.11-slim AS build
WORKDIR /src
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY pyproject.toml setup.cfg README.md LICENSE NOTICE ./
COPY service ./service
RUN pip wheel --wheel-dir /wheels .

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    REPORTEDLY_MODELS_DIR=/app/models \
    REPORTEDLY_HOST=0.0.0.0 \
    REPORTEDLY_PORT=8000
WORKDIR /app
COPY --from=build /wheels /wheels
RUN pip install --no-index --find-links=/wheels reportedly && rm -rf /wheels \
    && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin reportedly \
    && mkdir -p /app/var && chown reportedly /app/var
COPY models ./models
COPY LICENSE NOTICE ./
COPY service/gunicorn_conf.py ./gunicorn_conf.py
USER reportedly
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('REPORTEDLY_PORT', '8000')}/healthz\", timeout=2)"]
ENTRYPOINT ["gunicorn", "-c", "/app/gunicorn_conf.py", "service.web.wsgi:app"]
