FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY search ./search
COPY graphql_service ./graphql_service
RUN pip install --no-cache-dir ".[graphql,elasticsearch]"
EXPOSE 8001
CMD ["python", "-m", "graphql_service"]
