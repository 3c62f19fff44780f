FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY search ./search
COPY graphql_service ./graphql_service
RUN pip install --no-cache-dir ".[cms,elasticsearch,opensearch]"
# The cross-language lexicon (reports and glossary suggestions translate words
# with it), built from Debian's linguistic packages into the image.
COPY deploy/lexicon-packages.txt /tmp/
RUN apt-get update \
    && xargs -a /tmp/lexicon-packages.txt apt-get install -y --no-install-recommends \
    && rm -rf /var/lib/apt/lists/* \
    && python -m search.lexicon build --out /opt/lexicon/lexicon.sqlite
ENV SEARCH_LEXICON=/opt/lexicon/lexicon.sqlite
COPY cms ./cms
COPY themes ./themes
COPY scripts ./scripts
RUN python scripts/compile_messages.py --force
WORKDIR /app/cms
RUN DJANGO_SETTINGS_MODULE=cms.settings.dev python manage.py collectstatic --noinput
# Runs as an unprivileged user (uid 10001, as the Kubernetes manifests require);
# /data (HUB_DATA_DIR: media, and a new volume's contents) belongs to it.
RUN groupadd --system --gid 10001 hub \
    && useradd --system --uid 10001 --gid hub --no-create-home --home-dir /app hub \
    && mkdir -p /data && chown hub:hub /data
USER 10001:10001
EXPOSE 8000
# The web process only: the schema migration and the site's address
# (migrate, configure_site) run once before it, as the `migrate` service of
# compose.yaml and the init container of the Kubernetes `cms` Deployment do.
CMD ["gunicorn", "cms.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--worker-tmp-dir", "/tmp", "--access-logfile", "-"]
