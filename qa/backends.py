"""The one module that knows LLM and embedding providers; everything else receives the built objects.

LLMs are LangChain chat models: an OpenAI-compatible endpoint (langchain-openai), Ollama
(langchain-ollama) or a local GGUF file through llama-cpp-python (optional: requirements-extra.txt).
"""

from __future__ import annotations

import os

from ingest.embedders import Embedder, make_embedder
from ingest.settings import Settings

__all__ = ["BackendError", "describe_llm", "make_embedder", "make_llm", "Embedder"]


class BackendError(RuntimeError):
    """A backend that cannot be built from the settings; the message says which setting to fix."""


def describe_llm(settings: Settings) -> str:
    if settings.llm_backend == "none":
        return "extractive"
    where = f" @ {settings.llm_base_url}" if settings.llm_base_url else ""
    return f"{settings.llm_backend}:{settings.llm_model}{where}"


def make_llm(settings: Settings):
    """A LangChain chat model, or None for the offline extractive answerer."""
    backend = settings.llm_backend
    if backend == "none":
        return None
    if not settings.llm_model:
        raise BackendError(f"REFERENT_LLM_BACKEND={backend} needs REFERENT_LLM_MODEL")
    if backend == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            model=settings.llm_model, base_url=settings.llm_base_url or None,
            api_key=os.environ.get(settings.llm_api_key_env) or "no-key", timeout=settings.llm_timeout_s,
            max_retries=0, temperature=0,
        )
    if backend == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(
            model=settings.llm_model, base_url=settings.llm_base_url or None, temperature=0,
            client_kwargs={"timeout": settings.llm_timeout_s},
        )
    if backend == "llamacpp":
        try:
            from langchain_community.chat_models import ChatLlamaCpp
        except ImportError as exc:
            raise BackendError("REFERENT_LLM_BACKEND=llamacpp needs: pip install -r requirements-extra.txt") from exc
        return ChatLlamaCpp(model_path=settings.llm_model, temperature=0, n_ctx=4096, verbose=False)
    raise BackendError(f"unknown REFERENT_LLM_BACKEND={backend}")
