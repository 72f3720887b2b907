# Pusselbit's production image: Debian slim with what WeasyPrint needs (Pango and a font), the
# product with its similar-initiative model and object-storage back end, the static files
# collected, run as an unprivileged user. `pusselbit serve` by default; the same image runs the
# worker (`db_worker`), the scheduler (`schedule`) and the migrations (`migrate`); see
# compose.yaml. Not built or run where Pusselbit is developed (no container engine there): the
# README's Drift section says so.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PUSSELBIT_PRODUCTION=1 \
    PUSSELBIT_VAR_DIR=/var/lib/pusselbit \
    STATIC_ROOT=/opt/pusselbit/static

RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /opt/pusselbit/src
COPY pyproject.toml README.md ./
COPY pusselbit ./pusselbit
# The Swedish catalogue is compiled here, as `make messages` does (compiled files are not kept
# in the repository).
RUN pip install 'Babel>=2.14' \
    && pybabel compile --domain django --directory pusselbit/locale \
    && pip install '.[similar,s3]'
# Collected once into the image; WhiteNoise serves them. The key only lets the settings load.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost pusselbit collectstatic --noinput

RUN useradd --system --home-dir /var/lib/pusselbit --create-home pusselbit
USER pusselbit
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s \
    CMD python -c "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=4).status != 200)"
ENTRYPOINT ["pusselbit"]
CMD ["serve"]
