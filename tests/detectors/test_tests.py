"""The tests detector: scaffold stubs are told apart from real tests."""

from __future__ import annotations

from pathlib import Path


def test_create_react_app_stub_is_marked_as_scaffold(tmp_path: Path) -> None:
    from pocmvp_lint.detectors import detect
    from pocmvp_lint.inventory import build_inventory

    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "App.test.js").write_text(
        "import { render, screen } from '@testing-library/react';\n"
        "test('renders learn react link', () => {\n  render(<App />);\n"
        "  expect(screen.getByText(/learn react/i)).toBeInTheDocument();\n});\n"
    )
    signals = detect(build_inventory(tmp_path, "", ["src/App.test.js"], is_git=False))
    categories = {s.category for s in signals}
    assert {"tests", "scaffold-tests"} <= categories
