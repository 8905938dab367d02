"""`cchc validate DIR`: what a folder's files would load or reject, writing nothing."""

from tests.pipeline.conftest import Workspace


def test_validate_reports_and_writes_nothing(workspace: Workspace) -> None:
    result = workspace.run("validate", str(workspace.raw))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Hồ sơ" in result.stdout and "unknown_unit" in result.stdout
    assert not workspace.db.exists() and not workspace.marts.exists()


def test_validate_one_folder_against_the_configured_registry(workspace: Workspace) -> None:
    (workspace.raw / "dossiers" / "2024-03.csv").write_text("không phải bảng\n", encoding="utf-8")
    result = workspace.run("validate", str(workspace.raw / "dossiers"))
    assert result.returncode == 1
    assert "dossiers/2024-03.csv" in result.stdout
    assert "Khảo sát" not in result.stdout  # only the folder asked about
    assert not workspace.db.exists()
