"""Driving the Streamlit app under AppTest: run it (failing on any exception), open a view, ask, open a
source card, find a button. The app fixtures (`app_env`, `demo_app`) are in conftest.py."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest


def run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, app.exception
    return app


def view(app: AppTest, name: str) -> AppTest:
    """Open one of the views (the tabs run only the open one)."""
    app.session_state["view"] = name
    return run(app)


def ask(app: AppTest, question: str) -> AppTest:
    app.chat_input[0].set_value(question)
    return run(app)


def open_card(app: AppTest, card) -> AppTest:
    """Open a source card (its content runs only while it is open)."""
    app.session_state[re.search(r"(source-[\w-]+)$", card.proto.id)[1]] = True
    return run(app)


def button(app: AppTest, label: str):
    return next(b for b in app.button if b.label == label)
