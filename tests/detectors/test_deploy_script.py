"""Scripts that deploy by hand (``deploy-script``): named or kept for deploying, and deploying."""

from __future__ import annotations

from pocmvp_lint.detectors.deploy_script import logical_lines
from tests.detectors.conftest import Signals, of

RSYNC = """#!/usr/bin/env bash
# Deploy the built client to the game host.
set -euo pipefail
TARGET="${1:-ubuntu@games.example.net}"
ssh_run() { ssh -i "$SSH_KEY" "$TARGET" "$@"; }
npm run build
rsync -az --delete \\
  -e "ssh -i $SSH_KEY" \\
  dist/ "$TARGET:/var/www/game/"
ssh_run "sudo chown -R www-data /var/www/game"
"""


def found(signals: Signals, files: dict[str, str]) -> list[tuple[str, int | None, str]]:
    return [(s.path, s.line, s.detail) for s in of(signals(files), "deploy-script")]


def test_a_script_kept_for_deploying_that_deploys(signals: Signals) -> None:
    """A copy to another machine (its host in a variable), a platform's deploy command, or the new
    version started on the server the script runs on."""
    assert found(signals, {"deploy/install.sh": RSYNC}) == [
        ("deploy/install.sh", 7, 'runs `rsync -az ... "$TARGET:/var/www/game/"`')
    ]
    cases = {
        "scripts/deploy.sh": ("#!/bin/sh\nnpm ci\nflyctl deploy --remote-only\n", 3, "flyctl deploy"),
        "deploy-prod.sh": (
            "cd /srv/shop\ngit pull\ndocker compose --env-file .env.production up -d api\n",
            3,
            "docker compose up -d",
        ),
        "config/deploy.sh": (
            "cd /srv/app && git pull\ncargo build --release\nsystemctl restart app\n",
            3,
            "systemctl restart",
        ),
        "Deploy.ps1": ("dotnet publish -c Release\naz webapp deploy --src-path app.zip\n", 2, "az webapp deploy"),
    }
    for path, (text, line, command) in cases.items():
        assert found(signals, {path: text}) == [(path, line, f"runs `{command}`")], path


def test_scripts_that_do_not_deploy_or_are_not_for_deploying(signals: Signals) -> None:
    """A local or test deploy, a script that only builds or prints, a copy to this machine, one in
    examples or docs, and a script named for something else are no deploy scripts."""
    files = {
        "deploy-local.sh": "docker compose up -d\n",
        "scripts/deploy_test.sh": "rsync -az dist/ deploy@staging.example.net:/srv/app/\n",
        "deploy.sh": '#!/bin/sh\nnpm run build\necho "now run: rsync -az dist/ me@host:/srv/app"\n',
        "deploy/copy.sh": "rsync -az dist/ /var/www/html/\n",
        "examples/deploy.sh": "fly deploy\n",
        "docs/deploy.sh": "fly deploy\n",
        "scripts/backup.sh": "rsync -az data/ backup@vault.example.net:/backups/\n",
    }
    assert found(signals, files) == []


def test_any_script_running_a_deploy_command(signals: Signals) -> None:
    """Whatever its name, a script that runs a deploy command deploys; not one publishing a package
    (release machinery), nor one deploying to a cluster it starts on this machine."""
    files = {
        "scripts/build-image.sh": 'docker buildx build --platform linux/arm64 --tag "$IMAGE" --push .\n',
        "scripts/ship-docs.sh": "npm run build\nnpx npm publish --access public\n",
        "scripts/release.sh": "git tag v$1 && git push --tags\nkubectl apply -f k8s/\n",
        "scripts/local-cluster.sh": "kind create cluster --name dev\nkubectl apply -f k8s/\n",
    }
    assert found(signals, files) == [("scripts/build-image.sh", 1, "runs `docker buildx ... --push`")]


def test_a_function_holding_the_deploy_counts_when_nothing_else_does(signals: Signals) -> None:
    text = "push() {\n  scp -r dist deploy@web1.example.net:/srv/app\n}\nnpm run build && push\n"
    assert found(signals, {"deploy.sh": text}) == [
        ("deploy.sh", 2, "runs `scp -r dist deploy@web1.example.net:/srv/app`")
    ]
    one_line = "push() { scp -r dist deploy@web1.example.net:/srv/app; }\nnpm run build && push\n"
    assert [line for _path, line, _detail in found(signals, {"deploy.sh": one_line})] == [1]


def test_logical_lines_join_continuations_and_skip_comments() -> None:
    text = "# comment\n\nrsync -az \\\n  dist/ \\\n  host:/srv\necho done\n"
    assert list(logical_lines(text)) == [(3, "rsync -az dist/ host:/srv"), (6, "echo done")]


def test_a_tutorials_template_still_holding_placeholder_locations_deploys_nothing(signals: Signals) -> None:
    """``PROJECT_DIR="/path/to/your/project"``: copied from a guide and never pointed at a server."""
    template = (
        '#!/bin/bash\nPROJECT_DIR="/path/to/your/project"\nGIT_REPO_URL="git@github.com:username/repository.git"\n'
        'cd "$PROJECT_DIR"\ngit pull origin main\nnpm run build\npm2 restart app\n'
    )
    assert found(signals, {"scripts/deploy.sh": template}) == []
    real = template.replace("/path/to/your/project", "/srv/shop").replace("username/repository", "acme/shop")
    assert found(signals, {"scripts/deploy.sh": real}) == [("scripts/deploy.sh", 7, "runs `pm2 restart`")]
