FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY search ./search
COPY graphql_service ./graphql_service
RUN pip install --no-cache-dir ".[graphql,elasticsearch,opensearch]"
# The cross-language lexicon, built from Debian's linguistic packages into the
# image (several sources are GPL: built, never committed; see README).
COPY deploy/lexicon-packages.txt /tmp/
RUN apt-get update \
    && xargs -a /tmp/lexicon-packages.txt apt-get install -y --no-install-recommends \
    && rm -rf /var/lib/apt/lists/* \
    && python -m search.lexicon build --out /opt/lexicon/lexicon.sqlite
ENV SEARCH_LEXICON=/opt/lexicon/lexicon.sqlite
# Runs as an unprivileged user (uid 10001, as the Kubernetes manifests require).
RUN groupadd --system --gid 10001 hub \
    && useradd --system --uid 10001 --gid hub --no-create-home --home-dir /app hub \
    && mkdir -p /data && chown hub:hub /data
USER 10001:10001
EXPOSE 8001
CMD ["python", "-m", "graphql_service"]
