"""Container, orchestration, IaC and PaaS detection."""

from __future__ import annotations

import pytest

from tests.detectors.conftest import Signals, categories, of


def test_dockerfile_line_and_detail(signals: Signals) -> None:
    found = of(signals({"Dockerfile": "# base\nFROM python:3.12-slim\nRUN pip install .\n"}), "container")
    assert found[0].line == 2 and found[0].detail == "builds an image FROM python:3.12-slim"


MULTI_STAGE = """\
FROM composer:2.8 AS composer
FROM --platform=linux/amd64 php:8.4-fpm-alpine AS production
COPY --from=composer /usr/bin/composer /usr/bin/composer
FROM production AS worker
CMD ["php", "artisan", "queue:work"]
"""


def test_a_multi_stage_build_names_the_image_its_final_stage_stands_on(signals: Signals) -> None:
    """The last stage is built FROM an earlier stage: the image is the one that stage is built on."""
    (found,) = of(signals({"Dockerfile": MULTI_STAGE}), "container")
    assert (found.line, found.detail) == (2, "builds an image FROM php:8.4-fpm-alpine")


def test_the_image_names_the_default_of_the_build_argument_it_is_built_from(signals: Signals) -> None:
    """``FROM ${RUNNER_IMAGE}`` is read with the default of the global ``ARG`` above the first ``FROM``."""
    text = (
        'ARG BUILDER_IMAGE="hexpm/elixir:1.17.3-erlang-27.1"\nARG RUNNER_IMAGE=debian:bookworm-slim\n'
        'FROM ${BUILDER_IMAGE} AS builder\nRUN mix release\nFROM $RUNNER_IMAGE\nCMD ["/app/bin/server"]\n'
    )
    (found,) = of(signals({"Dockerfile": text}), "container")
    assert (found.line, found.detail) == (5, "builds an image FROM debian:bookworm-slim")
    unset = 'ARG BASE\nFROM ${BASE}\nCMD ["app"]\n'  # no default: shown as written
    (found,) = of(signals({"Dockerfile": unset}), "container")
    assert found.detail == "builds an image FROM ${BASE}"


def test_a_backing_service_image_reached_through_a_stage_is_not_the_apps_health_check(signals: Signals) -> None:
    text = "FROM postgres:16 AS db\nCOPY init.sql /docker-entrypoint-initdb.d/\nFROM db\nHEALTHCHECK CMD pg_isready\n"
    assert "health-check" not in categories(signals({"Dockerfile": text}))


def test_devcontainer_docs_and_markdown_dockerfiles_are_not_containers(signals: Signals) -> None:
    found = signals(
        {
            ".devcontainer/Dockerfile": "FROM mcr.microsoft.com/devcontainers/python\n",
            "docs/dockerfile-guide.md": "FROM python\n",
            "dockerfile-guide.md": "FROM python\n",
            "examples/Dockerfile": "FROM node\n",
            "Dockerfile": "# only a comment\n",
        }
    )
    assert "container" not in categories(found)
    # the dev container is a development image: reported apart, so POC and MVP rules ignore it
    (dev,) = of(found, "container-dev")
    assert (dev.path, dev.line) == (".devcontainer/Dockerfile", 1)
    assert dev.detail == "development image FROM mcr.microsoft.com/devcontainers/python"


def test_dockerfiles_named_for_local_development_are_not_containers(signals: Signals) -> None:
    dev_only = {
        "docker/dockerfiles/development.Dockerfile": "FROM php:8.3-fpm\n",
        "Dockerfile.local": "FROM node:20\n",
        "Dockerfile-development": "FROM python:3.12\n",
    }
    found = signals(dev_only)
    assert "container" not in categories(found)
    assert [s.path for s in of(found, "container-dev")] == sorted(dev_only)
    # a folder or a service named so is not a development image: only the file's own name says it
    shipped = {"local-api/Dockerfile": "FROM node:20\n", "services/localization/Dockerfile": "FROM node:20\n"}
    assert [s.path for s in of(signals(shipped), "container")] == sorted(shipped)


def test_dockerfile_variants(signals: Signals) -> None:
    files = {
        "deploy/api.Dockerfile": "FROM golang:1.22\n",
        "Containerfile": "FROM alpine\nCOPY app /app\n",
        "Dockerfile-prod": "FROM nginx:1.27\n",
        "worker/Dockerfile_worker": "FROM python:3.12\n",
        "docs/dockerfile-guide.txt": "FROM python\n",
    }
    found = signals(files)
    assert {s.path for s in of(found, "container")} == {
        "deploy/api.Dockerfile",
        "Containerfile",
        "Dockerfile-prod",
        "worker/Dockerfile_worker",
    }


def test_backing_services_under_their_vendors_names_are_backing_services(signals: Signals) -> None:
    compose = (
        "services:\n  aws:\n    image: localstack/localstack:3\n  broker:\n    image: wurstmeister/kafka\n"
        "  mail:\n    image: axllent/mailpit\n  store:\n    image: minio/minio\n"
    )
    found = signals({"docker-compose.yml": compose})
    assert "orchestration" not in categories(found) and "orchestration-dev" in categories(found)
    # a community publisher's build of a database is a database too
    community = "services:\n  db:\n    image: nouchka/sqlite3:latest\n  pg:\n    image: mdillon/postgis:11\n"
    found = signals({"docker-compose.yml": community})
    assert "orchestration" not in categories(found) and "orchestration-dev" in categories(found)
    app = signals({"docker-compose.yml": "services:\n  api:\n    image: acme/postgres-api:1.2\n"})
    assert "orchestration" in categories(app)


def test_s3_compatible_object_stores_are_backing_services(signals: Signals) -> None:
    """RustFS, SeaweedFS, Garage and the fake GCS server stand in for a cloud's object storage, as
    MinIO does: their health checks watch a dependency, and a compose file of them runs no app."""
    stores = ("docker.io/rustfs/rustfs:alpha", "chrislusf/seaweedfs:3.80", "dxflrs/garage:v1.0.1")
    for image in (*stores, "fsouza/fake-gcs-server:1.50"):
        compose = (
            f"services:\n  store:\n    image: {image}\n    healthcheck:\n"
            '      test: ["CMD", "curl", "-f", "http://localhost:9000/health"]\n'
        )
        found = categories(signals({"compose.dev.yaml": compose}))
        assert not found & {"health-check", "orchestration"}, image
        assert "orchestration-dev" in found, image


def test_search_vector_and_model_servers_are_backing_services(signals: Signals) -> None:
    """OpenSearch, vector databases and a local model server run beside the app, whoever publishes them."""
    compose = (
        "services:\n  search:\n    image: opensearchproject/opensearch:2.19.1\n"
        "  dashboards:\n    image: opensearchproject/opensearch-dashboards:2.19.1\n"
        "  vectors:\n    image: semitechnologies/weaviate:1.25.0\n  llm:\n    image: ollama/ollama:latest\n"
        "  graph:\n    image: neo4j:5\n"
    )
    found = signals({"docker-compose.yml": compose})
    assert "orchestration" not in categories(found) and "orchestration-dev" in categories(found)
    with_app = compose + "  agent-api:\n    build: ./agent-api\n"
    (hit,) = of(signals({"docker-compose.yml": with_app}), "orchestration")
    assert "agent-api" in hit.detail


def test_compose_with_only_backing_services_is_not_orchestration(signals: Signals) -> None:
    compose = "services:\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7\n"
    found = signals({"docker-compose.yml": compose, "empty/compose.yaml": "services: {}\n"})
    assert "orchestration" not in categories(found)
    # a local database for development: reported apart, so the POC drift rule ignores it
    (dev,) = of(found, "orchestration-dev")
    assert (dev.path, dev.line, dev.detail) == (
        "docker-compose.yml",
        2,
        "compose runs backing services only (db, cache)",
    )


def test_a_compose_overlay_is_read_with_the_file_it_extends(signals: Signals) -> None:
    """``docker compose -f compose.yml -f compose.prod.yml``: the overlay names services without an
    image; the base file says what they run, and an overlay for production is production orchestration."""
    overlay = "services:\n  web:\n    environment:\n      FLASK_DEBUG: '0'\n  nginx:\n    ports: ['443:443']\n"
    found = signals({"docker-compose.prod.yml": overlay, "docker-compose.override.yml": overlay})
    assert "orchestration-dev" not in categories(found)
    assert [(s.path, s.detail) for s in of(found, "orchestration")] == [
        ("docker-compose.prod.yml", "compose production overlay of services web, nginx")
    ]


def test_compose_that_builds_the_app(signals: Signals) -> None:
    compose = "services:\n  db:\n    image: postgres:16\n  web:\n    build: .\n"
    hit = of(signals({"compose.yaml": compose}), "orchestration")[0]
    assert hit.line == 4 and "web" in hit.detail


def test_a_compose_file_of_the_first_format_has_its_services_at_the_top(signals: Signals) -> None:
    """Compose's first file format (no ``version`` or ``services`` key) lists services at the top level."""
    legacy = "db:\n  image: postgres:9.6\nweb:\n  build: .\n  links:\n    - db\n"
    (hit,) = of(signals({"docker-compose.yml": legacy}), "orchestration")
    assert (hit.line, hit.detail) == (3, "compose service 'web' builds")
    backing = "db:\n  image: postgres:9.6\ncache:\n  image: redis:3\n"
    assert "orchestration" not in categories(signals({"docker-compose.yml": backing}))


def test_kubernetes_manifest_and_lookalikes(signals: Signals) -> None:
    found = signals(
        {
            "k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec: {}\n",
            "catalog-info.yaml": "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\n",
            "skaffold.yaml": "apiVersion: skaffold/v4beta6\nkind: Config\nmetadata:\n  name: x\n",
        }
    )
    assert {s.path for s in of(found, "orchestration")} == {"k8s/deploy.yaml"}


SOFTWARE_TEMPLATE = """\
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: python-service
  title: Python service
spec:
  owner: platform
  type: service
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
"""


def test_developer_portal_software_templates_are_not_kubernetes_resources(signals: Signals) -> None:
    """A developer portal's scaffolder template has an ``apiVersion``, a ``kind`` and ``metadata``,
    and deploys nothing (in ``templates/``, which is read for Helm charts)."""
    found = signals({"templates/python-service/template.yaml": SOFTWARE_TEMPLATE})
    assert "orchestration" not in categories(found)
    # an OpenShift template is a cluster resource
    openshift = SOFTWARE_TEMPLATE.replace("scaffolder.backstage.io/v1beta3", "template.openshift.io/v1")
    assert "orchestration" in categories(signals({"openshift/template.yaml": openshift}))


GENERATED_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ project_name }}
spec:
  template:
    spec:
      containers:
        - name: app
          image: {{ image }}
"""


def test_a_generators_templates_are_not_the_projects_deployment(signals: Signals) -> None:
    """A scaffolder's ``templates/`` folder (no Helm chart above it) holds manifests and Compose files
    with the placeholders it fills in for the projects it generates."""
    files = {
        "templates/k8s/deployment.yaml": GENERATED_DEPLOYMENT,
        "src/scaffold/templates/stack.yml": 'services:\n  app:\n    image: "{{ image }}"\n',
    }
    assert "orchestration" not in categories(signals(files))
    # without placeholders, or outside a templates folder, a manifest is the project's own
    plain = GENERATED_DEPLOYMENT.replace("{{ project_name }}", "shop").replace("{{ image }}", "shop/api:1.4")
    found = signals({"openshift/templates/shop.yaml": plain, "k8s/deployment.yaml": GENERATED_DEPLOYMENT})
    assert {s.path for s in of(found, "orchestration")} == {"openshift/templates/shop.yaml", "k8s/deployment.yaml"}


def test_helm_chart_counts_but_templates_are_not_parsed(signals: Signals) -> None:
    found = signals(
        {
            "chart/Chart.yaml": "apiVersion: v2\nname: app\nversion: 0.1.0\n",
            "chart/templates/deployment.yaml": (
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"
            ),
        }
    )
    assert {s.path for s in of(found, "orchestration")} == {"chart/Chart.yaml"}


def test_helm_templates_alone_are_not_manifests(signals: Signals) -> None:
    found = signals(
        {
            "deploy/tpl.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n",
        }
    )
    assert "orchestration" not in categories(found)


def test_iac_formats(signals: Signals) -> None:
    found = signals(
        {
            "infra/main.tf": 'provider "aws" {}\nresource "aws_s3_bucket" "b" {}\n',
            "stack.yaml": "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  B:\n    Type: AWS::S3::Bucket\n",
            "main.bicep": "param location string\n",
            "Pulumi.yaml": "name: x\nruntime: python\n",
        }
    )
    assert {s.path for s in of(found, "iac")} == {"infra/main.tf", "stack.yaml", "main.bicep", "Pulumi.yaml"}


SHORT_FORM_TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Stage:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "orders-${Stage}"
Outputs:
  QueueArn:
    Value: !GetAtt Queue.Arn
"""


def test_templates_written_with_short_form_intrinsic_functions(signals: Signals) -> None:
    """``!Ref``, ``!Sub`` and ``!GetAtt`` are YAML tags a safe loader refuses: the template is read by
    its top-level ``Resources:`` section."""
    sam = "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n"
    sam += "    Properties:\n      Role: !GetAtt FnRole.Arn\n"
    found = signals({"cloudformation/queue.yml": SHORT_FORM_TEMPLATE, "template.yaml": sam})
    assert {(s.path, s.line, s.detail) for s in of(found, "iac")} == {
        ("cloudformation/queue.yml", 5, "CloudFormation template"),
        ("template.yaml", 2, "AWS SAM template"),
    }


def test_tagged_yaml_without_a_top_level_resources_section_is_not_a_template(signals: Signals) -> None:
    """A parameter file or a snippet naming an AWS type, with tags and no ``Resources:`` of its own."""
    snippet = "Queue:\n  Type: AWS::SQS::Queue\n  Properties:\n    QueueName: !Sub orders\n"
    nested = "functions:\n  api:\n    handler: app.handler\n  extra:\n    Resources:\n      Type: AWS::S3::Bucket\n"
    nested += "    Name: !Ref Bucket\n"
    assert "iac" not in categories(signals({"snippets/queue.yml": snippet, "infra/extra.yml": nested}))


def test_terraform_in_its_json_syntax(signals: Signals) -> None:
    files = {
        "infra/main.tf.json": '{"provider": {"aws": {"region": "eu-west-1"}}, "module": {"vpc": {"source": "./vpc"}}}',
        "infra/vars.tf.json": '{"variable": {"region": {"default": "eu-west-1"}}}',
        "settings/only-vars.tf.json": '{"variable": {"name": {}}}',
        "examples/basic/main.tf.json": '{"resource": {"aws_s3_bucket": {"b": {}}}}',
        "terraform.tfvars.json": '{"region": "eu-west-1"}',
    }
    (found,) = of(signals(files), "iac")
    assert (found.path, found.line, found.detail) == (
        "infra/main.tf.json",
        1,
        "Terraform/OpenTofu configuration (JSON syntax)",
    )


APP_ENGINE = "runtime: python312\nentrypoint: gunicorn -b :$PORT main:app\ninstance_class: F2\n"


def test_app_engine_files_named_for_an_environment(signals: Signals) -> None:
    files = {"app.prod.yaml": APP_ENGINE, "api/app-staging.yml": "service: api\n" + APP_ENGINE}
    found = {(s.path, s.line) for s in of(signals(files), "paas")}
    assert found == {("app.prod.yaml", 1), ("api/app-staging.yml", 2)}
    others = {
        "app.settings.yml": "runtime: node\nport: 3000\n",  # a runtime but no App Engine key
        "docs/app.prod.yaml": APP_ENGINE,
        "app.config.yaml": "apiVersion: v1\nruntime: python\nhandlers: []\n",
        # a developer portal's configuration, named like an App Engine file
        "app-config.production.yaml": "app:\n  title: Portal\nbackend:\n  baseUrl: https://portal.example.org\n",
    }
    assert "paas" not in categories(signals(others))


def test_azure_app_service_kudu_deployment_settings(signals: Signals) -> None:
    kudu = "[config]\nproject = src/Shop.Web/Shop.Web.csproj\n"
    (found,) = of(signals({".deployment": kudu}), "paas")
    assert (found.path, found.line) == (".deployment", 1) and "Kudu" in found.detail
    assert "paas" not in categories(signals({".deployment": "# deployment notes\nstaging first\n"}))


def test_cpanel_git_deployment_tasks(signals: Signals) -> None:
    cpanel = (
        "---\ndeployment:\n  tasks:\n    - export DEPLOYPATH=/home/shop/public_html\n    - /bin/cp -r * $DEPLOYPATH\n"
    )
    (found,) = of(signals({".cpanel.yml": cpanel}), "paas")
    assert (found.path, found.line, found.detail) == (".cpanel.yml", 3, "cPanel Git deployment (.cpanel.yml tasks)")
    assert "paas" not in categories(signals({".cpanel.yml": "---\ndeployment:\n  tasks: []\n"}))


REPLIT = 'modules = ["nodejs-20"]\nrun = "npm run dev"\n\n[nix]\nchannel = "stable-24_05"\n'


def test_replit_deployments(signals: Signals) -> None:
    """A ``.replit`` file sets up the workspace; its ``[deployment]`` table deploys the app."""
    deployed = REPLIT + '\n[deployment]\ndeploymentTarget = "autoscale"\nrun = ["npm", "run", "start"]\n'
    (found,) = of(signals({".replit": deployed}), "paas")
    assert (found.path, found.line, found.detail) == (
        ".replit",
        7,
        "Replit Deployments ([deployment] deploymentTarget)",
    )
    assert "paas" not in categories(signals({".replit": REPLIT}))


def test_bot_hosts_configured_by_one_key_value_file(signals: Signals) -> None:
    """Discloud and Square Cloud run the entry point their file names; without one it deploys nothing."""
    discloud = "NAME=Meubot\nTYPE=bot\nMAIN=src/bot/main.py\nRAM=100\nAUTORESTART=false\nVERSION=latest\n"
    square = "DISPLAYNAME=Bot\nMAIN=index.js\nMEMORY=256\nVERSION=recommended\n"
    found = signals({"discloud.config": discloud, "bot/squarecloud.app": square})
    assert sorted((s.path, s.line, s.detail) for s in of(found, "paas")) == [
        ("bot/squarecloud.app", 2, "Square Cloud app configuration"),
        ("discloud.config", 3, "Discloud app configuration"),
    ]
    assert "paas" not in categories(signals({"discloud.config": "NAME=Meubot\n# MAIN=\n"}))


DEPLOYER_RECIPE = """\
<?php
namespace Deployer;

require 'recipe/laravel.php';

set('repository', 'git@example.org:shop/api.git');
host('203.0.113.10')->set('remote_user', 'deploy')->set('deploy_path', '/var/www/api');
after('deploy:failed', 'deploy:unlock');
"""


def test_php_deployer_recipes(signals: Signals) -> None:
    """PHP's Deployer (``deploy.php``, or its YAML form) deploys like Capistrano."""
    yaml_recipe = "import:\n  - recipe/symfony.php\nconfig:\n  repository: git@example.org:shop/web.git\n"
    yaml_recipe += "hosts:\n  prod:\n    remote_user: deploy\n"
    found = signals({"deploy.php": DEPLOYER_RECIPE, "web/deploy.yaml": yaml_recipe})
    assert {(s.path, s.line) for s in of(found, "paas")} == {("deploy.php", 2), ("web/deploy.yaml", 1)}


def test_deploy_scripts_that_are_not_deployer_recipes(signals: Signals) -> None:
    webhook = "<?php\n// GitHub webhook: pull the latest code\nshell_exec('cd /var/www && git pull');\n"
    tasks_only = "<?php\nnamespace Deployer;\n\ntask('build', function () {\n    run('npm run build');\n});\n"
    files = {"deploy.php": webhook, "tools/deploy.php": tasks_only, "docs/deploy.php": DEPLOYER_RECIPE}
    assert "paas" not in categories(signals(files))


def test_elastic_beanstalk_extensions_of_a_source_bundle_in_a_folder(signals: Signals) -> None:
    """The folder Beanstalk deploys may be a folder of the repository (a Django project's own):
    its ``.ebextensions/`` counts there too, not in an example's."""
    config = "option_settings:\n  aws:elasticbeanstalk:container:python:\n    WSGIPath: shop.wsgi:application\n"
    for path in (".ebextensions/django.config", "shop_project/.ebextensions/django.config"):
        (found,) = of(signals({path: config}), "paas")
        assert (found.path, found.detail) == (path, "AWS Elastic Beanstalk extensions")
    others = {"examples/eb/.ebextensions/django.config": config, "shop_project/ebextensions.config": config}
    assert "paas" not in categories(signals(others))


def test_elastic_beanstalk_proxy_configuration_on_amazon_linux_2(signals: Signals) -> None:
    conf = "client_max_body_size 20M;\n"
    (found,) = of(signals({".platform/nginx/conf.d/proxy.conf": conf}), "paas")
    assert found.detail == "AWS Elastic Beanstalk proxy configuration (.platform/)"
    # an nginx configuration of the project's own image, and Platform.sh's YAML, are not Beanstalk
    others = {
        "docker/nginx/conf.d/proxy.conf": conf,
        ".platform/routes.yaml": '"https://{default}/":\n  type: upstream\n',
    }
    assert "paas" not in categories(signals(others))


AZURE_WEBAPP_POM = """\
<project>
  <build>
    <plugins>
      <plugin>
        <groupId>com.microsoft.azure</groupId>
        <artifactId>azure-webapp-maven-plugin</artifactId>
        <configuration><appName>shop-api</appName><runtime><os>Linux</os></runtime></configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""


def test_build_plugins_that_deploy_to_a_platform(signals: Signals) -> None:
    (found,) = of(signals({"pom.xml": AZURE_WEBAPP_POM}), "paas")
    assert (found.line, found.detail) == (6, "Azure App Service deploy plugin (azure-webapp-maven-plugin)")
    gradle = "plugins {\n    id 'java'\n    id 'com.google.cloud.tools.appengine' version '2.8.0'\n}\n"
    (found,) = of(signals({"build.gradle": gradle}), "paas")
    assert (found.line, found.detail) == (3, "Google App Engine deploy plugin (com.google.cloud.tools.appengine)")
    managed = AZURE_WEBAPP_POM.replace("<plugins>", "<pluginManagement><plugins>").replace(
        "</plugins>", "</plugins></pluginManagement>"
    )
    assert "paas" not in categories(signals({"pom.xml": managed}))


def test_rust_services_deployed_on_shuttle(signals: Signals) -> None:
    cargo = '[package]\nname = "api"\nversion = "0.1.0"\n\n[dependencies]\naxum = "0.7"\nshuttle-runtime = "0.47"\n'
    (found,) = of(signals({"Cargo.toml": cargo}), "paas")
    assert (found.line, found.detail) == (7, "Shuttle deployment (shuttle-runtime)")
    dev_only = cargo.replace("[dependencies]\naxum", "[dev-dependencies]\naxum")
    assert "paas" not in categories(signals({"Cargo.toml": dev_only}))


PM2_ECOSYSTEM = """\
module.exports = {
  apps: [{ name: 'api', script: 'dist/main.js' }],
  deploy: {
    production: {
      user: 'deploy',
      host: ['203.0.113.10'],
      ref: 'origin/main',
      repo: 'git@github.com:acme/shop-api.git',
      path: '/var/www/shop-api',
      'post-deploy': 'npm ci && pm2 reload ecosystem.config.js --env production',
    },
  },
};
"""


def test_a_pm2_deploy_section_with_a_real_repository(signals: Signals) -> None:
    (found,) = of(signals({"ecosystem.config.js": PM2_ECOSYSTEM}), "paas")
    assert (found.path, found.line) == ("ecosystem.config.js", 3) and found.detail.startswith("PM2 deploy section")
    sample = PM2_ECOSYSTEM.replace("git@github.com:acme/shop-api.git", "git@github.com:repo.git")
    commented = PM2_ECOSYSTEM.replace("  deploy: {", "  /* deploy: {").replace("  },\n};", "  }, */\n};")
    apps_only = "module.exports = {\n  apps: [{ name: 'api', script: 'index.js' }],\n};\n"
    for text in (sample, commented, apps_only):
        assert "paas" not in categories(signals({"ecosystem.config.js": text}))


def test_aws_amplify_backends(signals: Signals) -> None:
    gen2 = "import { defineBackend } from '@aws-amplify/backend';\nimport { auth } from './auth/resource';\n\n"
    gen2 += "defineBackend({ auth });\n"
    gen1 = '{"api": {"notes": {"service": "AppSync", "providerPlugin": "awscloudformation"}}, "auth": {}}'
    found = signals({"amplify/backend.ts": gen2, "mobile/amplify/backend/backend-config.json": gen1})
    assert {(s.path, s.line, s.detail) for s in of(found, "paas")} == {
        ("amplify/backend.ts", 4, "AWS Amplify Gen 2 backend (defineBackend)"),
        ("mobile/amplify/backend/backend-config.json", None, "AWS Amplify backend (api)"),
    }
    others = {
        "src/backend.ts": gen2,  # an application module of the same name
        "amplify/backend/backend-config.json": "{}",  # initialised, no backend category added
        "amplify/team-provider-info.json": '{"dev": {"categories": {}}}',  # no stack deployed
    }
    assert "paas" not in categories(signals(others))


def test_the_amplify_environments_the_gen1_cli_deployed(signals: Signals) -> None:
    stack = "amplify-shorturl-staging-205326"
    info = f'{{"staging": {{"awscloudformation": {{"Region": "us-east-2", "StackName": "{stack}"}}}}}}'
    (hit,) = of(signals({"amplify/team-provider-info.json": info}), "paas")
    assert (hit.path, hit.detail) == ("amplify/team-provider-info.json", "AWS Amplify environments deployed (staging)")


def test_an_azure_functions_app(signals: Signals) -> None:
    host = '{\n  "version": "2.0",\n  "extensionBundle": {\n    "id": "Microsoft.Azure.Functions.ExtensionBundle"\n  }\n}\n'
    (found,) = of(signals({"functions/host.json": host}), "paas")
    assert (found.path, found.line, found.detail) == (
        "functions/host.json",
        3,
        "Azure Functions app (host.json extensionBundle)",
    )
    others = {
        "host.json": '{"version": "1.4", "hosts": ["a.example.org"]}',  # another tool's file of that name
        "config/host.json": '{"version": "2.0"}',  # no host settings
    }
    assert "paas" not in categories(signals(others))


def test_laravel_vapor_environments(signals: Signals) -> None:
    vapor = (
        "id: 4211\nname: shop\nenvironments:\n  production:\n    memory: 1024\n    build:\n      - composer install\n"
    )
    (found,) = of(signals({"vapor.yml": vapor}), "paas")
    assert (found.path, found.line, found.detail) == ("vapor.yml", 3, "Laravel Vapor environments (vapor.yml)")
    assert "paas" not in categories(signals({"vapor.yml": "id: 4211\nname: shop\n"}))


def test_zappa_settings_deploy_to_aws_lambda(signals: Signals) -> None:
    settings = '{"production": {"app_function": "app.app", "aws_region": "eu-west-1", "s3_bucket": "zappa-shop"}}'
    (found,) = of(signals({"zappa_settings.json": settings}), "iac")
    assert (found.path, found.detail) == ("zappa_settings.json", "Zappa serverless deployment (AWS Lambda)")
    yaml_settings = "dev:\n  django_settings: shop.settings\n  aws_region: eu-west-1\n"
    assert "iac" in categories(signals({"zappa_settings.yml": yaml_settings}))
    others = {"zappa_settings.json": '{"note": "not set up yet"}', "docs/zappa_settings.json": settings}
    assert "iac" not in categories(signals(others))
    chalice = '{"version": "2.0", "app_name": "shop-api", "stages": {"dev": {"api_gateway_stage": "api"}}}'
    (found,) = of(signals({"api/.chalice/config.json": chalice}), "iac")
    assert found.detail == "AWS Chalice serverless app (.chalice/config.json)"
    assert "iac" not in categories(signals({"config.json": chalice}))  # not in a .chalice folder


COPILOT_SERVICE = "name: api\ntype: Load Balanced Web Service\nimage:\n  build: Dockerfile\n  port: 8080\ncpu: 256\n"


def test_aws_copilot_service_manifests(signals: Signals) -> None:
    files = {
        "copilot/api/manifest.yml": COPILOT_SERVICE,
        "copilot/environments/prod/manifest.yml": "name: prod\ntype: Environment\n",
    }
    (found,) = of(signals(files), "orchestration")
    assert (found.path, found.line, found.detail) == (
        "copilot/api/manifest.yml",
        2,
        "AWS Copilot Load Balanced Web Service manifest",
    )
    elsewhere = {"manifest.yml": COPILOT_SERVICE, "copilot/environments/prod/manifest.yml": "type: Environment\n"}
    assert "orchestration" not in categories(signals(elsewhere))


def test_paas_files_need_their_discriminator(signals: Signals) -> None:
    found = signals(
        {
            "Procfile": "web: gunicorn app:app\n",
            "app.yaml": "runtime: python312\n",
            "other/app.yaml": "name: not-gae\n",
            "manifest.yml": "applications:\n- name: x\n",
            "ext/manifest.yml": "version: 1\n",
            "vercel.json": '{"regions": ["fra1"]}',
        }
    )
    assert {s.path for s in of(found, "paas")} == {"Procfile", "app.yaml", "manifest.yml", "vercel.json"}


def test_project_toml_of_the_linter_is_not_buildpacks(signals: Signals) -> None:
    own = '[project]\nstage = "poc"\n[lint]\nselect = ["POC"]\n'
    assert "paas" not in categories(signals({"project.toml": own}))


def test_buildpacks_project_toml(signals: Signals) -> None:
    found = signals({"project.toml": '[_]\nschema-version = "0.2"\n[io.buildpacks]\nbuilder = "x"\n'})
    assert "paas" in categories(found)


def test_linter_file_with_buildpacks_table_counts(signals: Signals) -> None:
    both = '[project]\nstage = "mvp"\n[io.buildpacks]\nbuilder = "x"\n'
    assert "paas" in categories(signals({"project.toml": both}))


def test_kubernetes_resources_written_in_jsonnet(signals: Signals) -> None:
    deployment = (
        "function(name, image) {\n  apiVersion: 'apps/v1',\n  kind: 'Deployment',\n  metadata: { name: name },\n}\n"
    )
    dashboard = "{\n  title: 'Latency',\n  panels: [{ kind: 'Service' }],\n}\n"
    found = signals({"deploy/app.jsonnet": deployment, "dashboards/latency.libsonnet": dashboard})
    (hit,) = of(found, "orchestration")
    assert (hit.path, hit.line, hit.detail) == ("deploy/app.jsonnet", 3, "Kubernetes Deployment in Jsonnet")


def test_platform_manifests_beyond_the_big_three(signals: Signals) -> None:
    files = {
        ".platform.app.yaml": "name: app\ntype: 'java:21'  # the runtime\nweb:\n  commands:\n    start: java -jar app.jar\n",
        ".upsun/config.yaml": "applications:\n  api:\n    type: 'python:3.12'\n",
        "scalingo.json": '{"name": "api", "formation": {"web": {"amount": 1}}}',
        "clevercloud/python.json": '{"deploy": {"module": "app:app"}}',
        "zbpack.json": '{"serverless": false, "ignore_dockerfile": false}',
        "staticwebapp.config.json": '{"navigationFallback": {"rewrite": "/index.html"}}',
        ".elasticbeanstalk/config.yml": "global:\n  application_name: shop\n  default_platform: Python 3.11\n",
    }
    found = signals(files)
    assert sorted(s.path for s in of(found, "paas")) == sorted(files)
    # an unrelated config.yaml or a JSON file of the same name elsewhere is not a platform
    others = {"config.yaml": "type: 'java:21'\n", "docs/clevercloud/python.json": '{"deploy": {}}'}
    assert "paas" not in categories(signals(others))


def test_cdk_for_terraform_and_sst_apps_are_infrastructure_code(signals: Signals) -> None:
    found = signals(
        {
            "cdktf.json": '{"language": "typescript", "app": "npx ts-node main.ts", "terraformProviders": []}',
            "web/sst.config.ts": "export default $config({\n  app() { return { name: 'web' }; },\n  async run() {},\n});\n",
        }
    )
    assert sorted((s.path, s.line) for s in of(found, "iac")) == [("cdktf.json", None), ("web/sst.config.ts", 1)]


def test_an_image_that_only_runs_the_tests_is_a_test_image(signals: Signals) -> None:
    test_only = "FROM golang:1.24 AS build-stage\nWORKDIR /app\nCOPY . .\nRUN go mod download\nRUN go test -v ./...\n"
    served = test_only + 'CMD ["/app/server"]\n'
    found = signals({"Dockerfile": test_only, "api/Dockerfile": served})
    (dev,) = of(found, "container-dev")
    assert (dev.path, dev.line) == ("Dockerfile", 1) and dev.detail.startswith("test image FROM golang:1.24")
    assert [s.path for s in of(found, "container")] == ["api/Dockerfile"]


def test_a_toolchain_image_in_the_ci_configuration_is_a_ci_image(signals: Signals) -> None:
    """A library's CI builds in images kept in ``.github/``: they install compilers and start
    nothing, and nothing of them is deployed."""
    toolchain = "FROM rockylinux:9\nRUN dnf install -y gcc make autoconf doxygen\n"
    found = signals({".github/Dockerfiles/el9.Dockerfile": toolchain, ".gitlab/ci/Dockerfile": toolchain})
    assert not of(found, "container")
    assert sorted(s.detail.split(" (")[0] for s in of(found, "container-dev")) == [
        "CI build image FROM rockylinux:9",
        "CI build image FROM rockylinux:9",
    ]
    # one that starts a service is an image of the application, wherever it is kept
    served = signals({".github/docker/Dockerfile": toolchain + 'CMD ["./server"]\n'})
    assert [s.path for s in of(served, "container")] == [".github/docker/Dockerfile"]
    shipped = toolchain + "COPY . /src\n"
    assert [s.path for s in of(signals({"docker/Dockerfile": shipped}), "container")] == ["docker/Dockerfile"]


def test_an_operating_system_image_that_takes_nothing_and_starts_nothing_is_a_tool_image(signals: Signals) -> None:
    """An Android SDK installed on Ubuntu, CUDA's development image with Python added: the tools a
    build runs in, wherever the Dockerfile is kept. An installer fetched by URL or files of another
    stage are not the project's."""
    sdk = (
        "FROM ubuntu:17.04\nRUN apt-get update -y && apt-get install -y openjdk-8-jdk wget unzip\n"
        "ENV ANDROID_HOME /usr/local/android-sdk-linux\nADD https://dl.google.com/android/sdk.tgz /tmp/\n"
    )
    cuda = "FROM nvidia/cuda:13.0.1-devel-ubuntu24.04\nRUN apt-get install -y python3-full\nWORKDIR /workspace\n"
    found = signals({"Dockerfile": sdk, "gpu/Dockerfile": cuda})
    assert not of(found, "container")
    assert sorted(s.detail.split(" (")[0] for s in of(found, "container-dev")) == [
        "tool image FROM nvidia/cuda:13.0.1-devel-ubuntu24.04",
        "tool image FROM ubuntu:17.04",
    ]
    # the project's files in it, a command of its own, or a service's base: an image that may ship
    for text in (
        sdk + "COPY . /app\n",
        sdk + 'CMD ["./run.sh"]\n',
        "FROM nginx:1.27\nRUN rm /etc/nginx/conf.d/default.conf\n",
    ):
        assert [s.path for s in of(signals({"Dockerfile": text}), "container")] == ["Dockerfile"], text


def test_an_image_whose_opening_comment_says_it_is_for_development_or_tests(signals: Signals) -> None:
    dev = (
        "# An integration test & dev container which builds and installs the library from master\n"
        "FROM nvidia/cuda:10.0-devel-ubuntu16.04\nADD . /lib/\nRUN cd /lib && ./build.sh\n"
    )
    (hit,) = of(signals({"Dockerfile": dev}), "container-dev")
    assert hit.detail.startswith("development image FROM nvidia/cuda:10.0-devel-ubuntu16.04")
    prod = "# Production image; for a dev container see Dockerfile.dev\nFROM python:3.12\nCOPY . .\n"
    assert [s.path for s in of(signals({"Dockerfile": prod}), "container")] == ["Dockerfile"]


def test_an_image_of_compilers_in_a_build_folder_is_a_build_environment(signals: Signals) -> None:
    """One image per target platform that a library is compiled in: nothing of it is shipped."""
    toolchain = "FROM debian:13\nRUN apt-get install -y build-essential autoconf\nWORKDIR /work/source\n"
    found = signals({"docker/build-fast/debian-13/Dockerfile": toolchain, "builder/Dockerfile": toolchain})
    assert not of(found, "container")
    assert {s.detail.split(" (")[0] for s in of(found, "container-dev")} == {"build environment image FROM debian:13"}
    # an image that takes the project's files, or one outside a build folder, may be shipped
    for path, text in (
        ("docker/build/Dockerfile", toolchain + "COPY . /work/source\n"),
        ("docker/build/Dockerfile", toolchain + 'ENTRYPOINT ["make"]\n'),
        ("grafana/Dockerfile", "FROM grafana/grafana:11.0.0\nRUN grafana-cli plugins install x\n"),
    ):
        assert [s.path for s in of(signals({path: text}), "container")] == [path], (path, text)


def test_an_image_run_to_build_an_artifact_is_a_build_environment(signals: Signals) -> None:
    """An Android SDK image whose entrypoint builds the APK, a cross-compiling image run for its
    binary: each ends when the build does, and serves nothing to health-check."""
    apk = "FROM openjdk:8-slim\nRUN npm install -g expo-cli\nWORKDIR /app\nCOPY . .\nENTRYPOINT expo build:android -t apk\n"
    binary = 'FROM rust:1.83\nCOPY . /src\nWORKDIR /src\nCMD ["cargo", "build", "--release", "--target", "x86_64-unknown-linux-musl"]\n'
    found = signals({"Dockerfile": apk, "cross/Dockerfile": binary})
    assert not of(found, "container")
    assert sorted(s.detail for s in of(found, "container-dev")) == [
        "build image FROM openjdk:8-slim (it runs `expo build` and ends, serving nothing)",
        "build image FROM rust:1.83 (it runs `cargo build` and ends, serving nothing)",
    ]
    # built then started, or listening: a service
    for text in (
        'FROM node:22\nCOPY . .\nCMD ["sh", "-c", "npm run build && npm start"]\n',
        "FROM golang:1.23\nCOPY . .\nEXPOSE 8080\nCMD go build -o app . \n",
        'FROM node:22\nCOPY . .\nRUN npm run build\nCMD ["node", "dist/server.js"]\n',
    ):
        assert [s.path for s in of(signals({"Dockerfile": text}), "container")] == ["Dockerfile"], text


def test_an_image_that_only_starts_a_shell_is_a_development_environment(signals: Signals) -> None:
    """An image one works inside (``CMD ["bash"]``, exposing no port, dev requirements installed)
    serves nothing; a shell that runs a command (``sh -c "gunicorn ..."``) or an exposed port is a
    service."""
    shell = (
        "FROM python:3.11\nWORKDIR /app\nCOPY requirements-dev.txt .\nRUN pip install -r requirements-dev.txt\n"
        'COPY . .\nCMD ["bash"]\n'
    )
    (hit,) = of(signals({"Dockerfile": shell}), "container-dev")
    assert hit.detail == "development image FROM python:3.11 (it starts an interactive shell and exposes no port)"
    for text in (
        shell.replace('CMD ["bash"]', 'CMD ["sh", "-c", "gunicorn --bind 0.0.0.0:8000 app.wsgi"]'),
        shell.replace('CMD ["bash"]', 'EXPOSE 8000\nCMD ["bash"]'),
        shell.replace('CMD ["bash"]', 'ENTRYPOINT ["/app/entrypoint.sh"]\nCMD ["bash"]'),
        # a base image the services build on: its ONBUILD steps run in theirs
        shell.replace('CMD ["bash"]', 'ONBUILD COPY requirements.txt /tmp\nCMD ["/bin/sh"]'),
    ):
        assert [s.path for s in of(signals({"Dockerfile": text}), "container")] == ["Dockerfile"], text


JIB_POM = """\
<project>
  <build>
    <plugins>
      <plugin>
        <groupId>com.google.cloud.tools</groupId>
        <artifactId>jib-maven-plugin</artifactId>
        <configuration><to><image>registry.example.com/shop/api</image></to></configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""
#: A parent POM that only manages the plugin's version, and a commented-out declaration.
MANAGED_JIB_POM = """\
<project>
  <build>
    <pluginManagement>
      <plugins><plugin><artifactId>jib-maven-plugin</artifactId></plugin></plugins>
    </pluginManagement>
    <plugins>
      <!-- <plugin><artifactId>jib-maven-plugin</artifactId></plugin> -->
      <plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin>
    </plugins>
  </build>
</project>
"""


def test_images_built_without_a_dockerfile(signals: Signals) -> None:
    files = {
        "api/pom.xml": JIB_POM,
        "worker/build.gradle.kts": 'plugins {\n    id("com.google.cloud.tools.jib") version "3.4.4"\n}\n',
        ".ko.yaml": "defaultBaseImage: cgr.dev/chainguard/static\nbuilds:\n  - id: server\n    main: ./cmd/server\n",
        "project.toml": '[[build.env]]\nname = "GOOGLE_RUNTIME_VERSION"\nvalue = "20"\n',
        "nix/image.nix": '{ pkgs }:\npkgs.dockerTools.buildLayeredImage {\n  name = "shop";\n}\n',
        "cmd/server/BUILD.bazel": 'load("@rules_oci//oci:defs.bzl", "oci_image")\n\noci_image(\n    name = "image",\n)\n',
        "Earthfile": "VERSION 0.8\nimage:\n    FROM alpine:3.20\n    SAVE IMAGE --push shop/api:latest\n",
        "docker-bake.hcl": 'group "default" {\n  targets = ["api"]\n}\ntarget "api" {\n  context = "."\n}\n',
    }
    found = {s.path: (s.line, s.detail) for s in of(signals(files), "container")}
    assert found == {
        "api/pom.xml": (6, "Jib builds the image (jib-maven-plugin)"),
        "worker/build.gradle.kts": (2, "Jib builds the image (Gradle plugin)"),
        ".ko.yaml": (None, "ko builds the image (.ko.yaml builds)"),
        "project.toml": (None, "Cloud Native Buildpacks build the image (project.toml)"),
        "nix/image.nix": (2, "Nix builds an image (dockerTools.buildLayeredImage)"),
        "cmd/server/BUILD.bazel": (3, "Bazel builds an image (oci_image)"),
        "Earthfile": (4, "Earthly target saves an image (SAVE IMAGE)"),
        "docker-bake.hcl": (4, "Docker Bake build targets"),
    }


QUARKUS_POM = """\
<project>
  <dependencyManagement>
    <dependencies>
      <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-container-image-jib</artifactId></dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency>
    <dependency><groupId>io.quarkus</groupId><artifactId>quarkus-container-image-docker</artifactId></dependency>
  </dependencies>
</project>
"""


def test_jvm_images_from_a_version_catalog_plugin_or_a_quarkus_extension(signals: Signals) -> None:
    """Jib applied through the Gradle version catalog (``alias(libs.plugins.jib)``), and a Quarkus
    container-image extension on the classpath (the build then produces the image)."""
    files = {
        "orders/build.gradle.kts": "plugins {\n    alias(libs.plugins.spring.boot)\n    alias(libs.plugins.jib)\n}\n",
        "gateway/pom.xml": QUARKUS_POM,
        "users/build.gradle.kts": 'dependencies {\n    implementation("io.quarkus:quarkus-container-image-podman")\n}\n',
    }
    found = {(s.path, s.line, s.detail) for s in of(signals(files), "container")}
    assert ("orders/build.gradle.kts", 3, "Jib builds the image (Gradle plugin)") in found
    assert ("gateway/pom.xml", 9, "Quarkus builds the image (quarkus-container-image-docker)") in found
    assert len(found) == 2  # the first shipped image of each build tool
    (gradle,) = of(signals({"users/build.gradle.kts": files["users/build.gradle.kts"]}), "container")
    assert (gradle.line, gradle.detail) == (2, "Quarkus builds the image (quarkus-container-image-podman)")


def test_dotnet_sdk_container_publishing(signals: Signals) -> None:
    """``dotnet publish /t:PublishContainer`` builds the image the project file configures."""
    enabled = (
        '<Project Sdk="Microsoft.NET.Sdk.Web">\n  <PropertyGroup>\n    <TargetFramework>net8.0</TargetFramework>\n'
        "    <EnableSdkContainerSupport>true</EnableSdkContainerSupport>\n  </PropertyGroup>\n</Project>\n"
    )
    (found,) = of(signals({"src/Shop.Api/Shop.Api.csproj": enabled}), "container")
    assert (found.line, found.detail) == (4, ".NET SDK publishes the image (EnableSdkContainerSupport)")
    named = enabled.replace(
        "<EnableSdkContainerSupport>true</EnableSdkContainerSupport>",
        "<ContainerRepository>shop/api</ContainerRepository>",
    )
    (found,) = of(signals({"Api.csproj": named}), "container")
    assert found.detail == ".NET SDK publishes the image (ContainerRepository)"
    off = {
        "Off.csproj": enabled.replace(">true<", ">false<"),
        "Commented.csproj": enabled.replace("<EnableSdk", "<!-- <EnableSdk").replace("Support>\n", "Support> -->\n"),
        "Tool.csproj": enabled.replace("<EnableSdkContainerSupport>true</EnableSdkContainerSupport>", ""),
    }
    assert "container" not in categories(signals(off))


FABRIC8_POM = """\
<project>
  <build>
    <plugins>
      <plugin>
        <groupId>io.fabric8</groupId>
        <artifactId>docker-maven-plugin</artifactId>
        <configuration><images><image><name>shop/api</name><build><from>eclipse-temurin:21</from></build></image></images></configuration>
      </plugin>
    </plugins>
  </build>
</project>
"""


def test_jvm_docker_plugins_build_images(signals: Signals) -> None:
    """Maven and Gradle Docker plugins (fabric8, Eclipse JKube, Muschko's, Palantir's) build the image."""
    gradle = "plugins {\n    id 'java'\n    id 'com.bmuschko.docker-spring-boot-application' version '9.4.0'\n}\n"
    found = signals({"api/pom.xml": FABRIC8_POM, "web/build.gradle": gradle})
    assert {(s.path, s.line, s.detail) for s in of(found, "container")} == {
        ("api/pom.xml", 6, "a Maven plugin builds the image (docker-maven-plugin)"),
        (
            "web/build.gradle",
            3,
            "the Gradle Docker plugin builds the image (com.bmuschko.docker-spring-boot-application)",
        ),
    }
    managed = FABRIC8_POM.replace("<plugins>", "<pluginManagement><plugins>").replace(
        "</plugins>", "</plugins></pluginManagement>"
    )
    commented = "plugins {\n    // id 'com.palantir.docker' version '0.36.0'\n    id 'java'\n}\n"
    assert "container" not in categories(signals({"pom.xml": managed, "build.gradle": commented}))


@pytest.mark.parametrize(
    ("command", "what"),
    [
        ("mvn clean install jib:build -Djib.to.image=$CI_REGISTRY_IMAGE:$CI_COMMIT_REF_NAME", "jib:build"),
        (
            "./mvnw compile com.google.cloud.tools:jib-maven-plugin:3.4.0:build -Dimage=acme/api",
            "jib-maven-plugin:3.4.0:build",
        ),
        ("./gradlew bootBuildImage --imageName=acme/api", "bootBuildImage"),
        ("./gradlew :api:jib", "jib"),
        ("pack build acme/api --builder paketobuildpacks/builder-jammy-base", "pack build"),
    ],
)
def test_an_image_built_in_ci_without_a_dockerfile_is_a_container(signals: Signals, command: str, what: str) -> None:
    """Jib, Buildpacks and ko need no Dockerfile, nor even a plugin in the build file: Jib's own
    documentation runs it from the command line. The CI command that builds the image shows it."""
    gitlab = f"image: maven:3.9-eclipse-temurin-21\nbuild:\n  stage: build\n  script:\n    - {command}\n"
    (hit,) = of(signals({".gitlab-ci.yml": gitlab}), "container")
    assert (hit.path, hit.line, hit.detail) == (".gitlab-ci.yml", 5, f"CI builds the image with `{what}`")


def test_ci_builds_that_make_no_image_are_no_container(signals: Signals) -> None:
    others = ("mvn -B verify", "./gradlew build jibber", "./gradlew test --tests JibTest", "ko version")
    for command in (*others, "wasm-pack build --release --target=nodejs crates/wasm"):
        gitlab = f"build:\n  script:\n    - {command}\n"
        assert "container" not in categories(signals({".gitlab-ci.yml": gitlab})), command


def test_sbt_docker_plugins_build_images(signals: Signals) -> None:
    """sbt-native-packager's and sbt-docker's ``DockerPlugin``, and sbt-jib's ``JibPlugin``,
    enabled on a project, build its image without a Dockerfile."""
    build = (
        'lazy val api = (project in file("."))\n  .settings(name := "search-api")\n'
        "  .enablePlugins(JavaAppPackaging, DockerPlugin)\n"
    )
    (hit,) = of(signals({"build.sbt": build}), "container")
    assert (hit.path, hit.line, hit.detail) == ("build.sbt", 3, "sbt builds the image (enablePlugins(DockerPlugin))")
    jib = 'lazy val api = project.enablePlugins(JibPlugin)\njibBaseImage := "eclipse-temurin:21"\n'
    assert [s.line for s in of(signals({"build.sbt": jib}), "container")] == [1]
    for build in (
        "lazy val api = project.enablePlugins(JavaAppPackaging)\n",  # a zip or a start script, no image
        "// .enablePlugins(DockerPlugin)\nlazy val api = project\n",
    ):
        assert "container" not in categories(signals({"build.sbt": build})), build


def test_jvm_builds_that_only_mention_an_image_extension_or_another_plugin(signals: Signals) -> None:
    managed_only = QUARKUS_POM.replace("quarkus-container-image-docker", "quarkus-kubernetes")
    files = {
        "pom.xml": managed_only,  # the image extension is only managed for child modules
        "build.gradle.kts": "plugins {\n    alias(libs.plugins.jibber.jabber)\n    alias(libs.plugins.spotless)\n}\n"
        '// implementation("io.quarkus:quarkus-container-image-jib")\n'
        "// jib is configured in the service modules\n",
    }
    assert "container" not in categories(signals(files))


def test_spring_boot_build_image_counts_when_an_image_is_configured(signals: Signals) -> None:
    configured = (
        "<project><build><plugins><plugin>\n  <artifactId>spring-boot-maven-plugin</artifactId>\n"
        "  <configuration><image><name>shop/api</name></image></configuration>\n</plugin></plugins></build></project>\n"
    )
    gradle = "tasks.named('bootBuildImage') {\n    imageName = 'shop/api'\n}\n"
    found = signals({"pom.xml": configured, "svc/build.gradle": gradle})
    assert sorted(s.path for s in of(found, "container")) == ["pom.xml", "svc/build.gradle"]
    # the plugin every Spring Boot project declares builds nothing by itself
    bare = "<project><build><plugins><plugin><artifactId>spring-boot-maven-plugin</artifactId></plugin>"
    assert "container" not in categories(signals({"pom.xml": bare + "</plugins></build></project>\n"}))


def test_image_build_lookalikes_are_not_containers(signals: Signals) -> None:
    files = {
        "pom.xml": MANAGED_JIB_POM,
        "build.gradle": "plugins {\n    id 'java'\n    // id 'com.google.cloud.tools.jib' version '3.4.0'\n}\n",
        "Earthfile": "VERSION 0.8\nbuild:\n    FROM golang:1.23\n    SAVE ARTIFACT out/app AS LOCAL build/app\n",
        "Project.toml": 'name = "Shop"\nuuid = "00000000-0000-0000-0000-000000000000"\n[deps]\n',
        "tools/project.toml": "[tool.black]\nline-length = 100\n",
        "flake.nix": '{\n  # later: pkgs.dockerTools.buildImage { name = "shop"; }\n  outputs = { self }: { };\n}\n',
        "cmd/BUILD": 'go_binary(\n    name = "app",\n)\n# oci_image(\n#     name = "image",\n# )\n',
        "docker-bake.hcl": 'variable "TAG" {\n  default = "latest"\n}\n',
        "tests/.ko.yaml": "builds:\n  - id: fixture\n",
    }
    assert not categories(signals(files)) & {"container", "container-dev"}


def test_an_image_built_for_tests_is_container_dev(signals: Signals) -> None:
    found = signals({"e2e/image.nix": 'pkgs.dockerTools.buildImage {\n  name = "e2e";\n}\n'})
    (dev,) = of(found, "container-dev")
    assert (dev.path, dev.detail) == ("e2e/image.nix", "test image: Nix builds an image (dockerTools.buildImage)")
    assert "container" not in categories(found)


def test_dockerfiles_named_or_placed_for_tests_are_container_dev(signals: Signals) -> None:
    served = 'FROM node:22\nCOPY . .\nCMD ["npm", "test"]\n'
    for_tests = {
        "Dockerfile.test": served,
        "docker/e2e.Dockerfile": served,
        "e2e/Dockerfile": served,
        "integration-tests/Dockerfile": served,
        "parser/testfiles/basic/Dockerfile": 'FROM busybox\nENTRYPOINT ["sh"]\n',
        ".github/actions/lint/Dockerfile": 'FROM alpine:3.20\nENTRYPOINT ["/lint.sh"]\n',
        "ui/Dockerfile": 'FROM cypress/included:13.6.0\nCOPY . .\nCMD ["npx", "cypress", "run"]\n',
    }
    found = signals(for_tests)
    assert "container" not in categories(found)
    assert sorted(s.path for s in of(found, "container-dev")) == sorted(for_tests)
    details = {s.path: s.detail for s in of(found, "container-dev")}
    assert details[".github/actions/lint/Dockerfile"] == "CI image FROM alpine:3.20"
    assert details["ui/Dockerfile"] == "test runner image FROM cypress/included:13.6.0"


def test_an_application_served_from_a_browser_image_is_a_container(signals: Signals) -> None:
    """An API that drives a browser (scraping, PDF rendering) is built on Playwright's image and
    exposes its port: it is the application's image, not a test runner."""
    app = (
        "FROM mcr.microsoft.com/playwright/python:v1.52.0-jammy\nWORKDIR /workspace\nCOPY . .\n"
        "RUN pip install uv && uv sync --frozen\nEXPOSE 8000\n"
        'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]\n'
    )
    (hit,) = of(signals({"Dockerfile": app}), "container")
    assert (hit.path, hit.line) == ("Dockerfile", 1)
    runner = 'FROM mcr.microsoft.com/playwright:v1.52.0-jammy\nCOPY . .\nCMD ["npx", "playwright", "test"]\n'
    assert [s.detail for s in of(signals({"Dockerfile": runner}), "container-dev")] == [
        "test runner image FROM mcr.microsoft.com/playwright:v1.52.0-jammy"
    ]


def test_a_folder_named_for_local_development_holds_development_images(signals: Signals) -> None:
    """The layout Django project generators write: ``compose/local/`` for development,
    ``compose/production/`` for the image that ships, and a compose file building the first."""
    local_compose = (
        "services:\n  django:\n    build:\n      context: .\n      dockerfile: ./compose/local/django/Dockerfile\n"
        "  postgres:\n    image: postgres:16\n"
    )
    files = {
        "compose/local/django/Dockerfile": 'FROM python:3.12\nCMD ["/start"]\n',
        "compose/production/django/Dockerfile": 'FROM python:3.12-slim\nCMD ["/start"]\n',
        "docker/development/Dockerfile": "FROM php:8.4-cli\n",
        "docker-compose.yml": local_compose,
    }
    found = signals(files)
    assert [s.path for s in of(found, "container")] == ["compose/production/django/Dockerfile"]
    assert sorted(s.path for s in of(found, "container-dev")) == [
        "compose/local/django/Dockerfile",
        "docker/development/Dockerfile",
    ]
    (dev,) = of(found, "orchestration-dev")
    assert dev.detail == "compose service 'django' builds (builds a development image)"


def test_a_compose_stack_that_runs_the_checkout_is_for_development(signals: Signals) -> None:
    """The code runs from the developer's files mounted into the container, not from a built image:
    the whole checkout, or a source folder a development server reloads; or the file's opening
    comment says it is not for production."""
    root_mount = (
        "services:\n  api:\n    image: golang:1.22\n    volumes:\n      - .:/go/src/\n    command: go run main.go\n"
        "  db:\n    image: mongo:7\n"
    )
    source_mount = "services:\n  ingestor:\n    build: ./ingestor\n    volumes:\n      - ./ingestor/app:/code/app\n"
    long_syntax = "services:\n  web:\n    build: .\n    volumes:\n      - type: bind\n        source: ${PWD}\n        target: /app\n"
    template = "# WARNING: This configuration is for local development. Do not use it in a production deployment.\n"
    files = {
        "a/docker-compose.yml": root_mount,
        "b/docker-compose.yml": source_mount,
        "b/ingestor/Dockerfile": 'FROM python:3.12\nCOPY app /code/app\nCMD ["fastapi", "dev", "app/main.py"]\n',
        "c/compose.yaml": long_syntax,
        "d/compose.yaml": template + "services:\n  scheduler:\n    build: .\n",
    }
    found = signals(files)
    assert not of(found, "orchestration")
    details = {s.path: s.detail for s in of(found, "orchestration-dev")}
    assert details == {
        "a/docker-compose.yml": "compose service 'api' runs image golang:1.22 (runs the checkout mounted into the container)",
        "b/docker-compose.yml": "compose service 'ingestor' builds (runs the checkout mounted into the container)",
        "c/compose.yaml": "compose service 'web' builds (runs the checkout mounted into the container)",
        "d/compose.yaml": "compose service 'scheduler' builds (its opening comment says it is not for production)",
    }
    # the database and the web server built from their own folders are not the application
    rails = (
        "services:\n  app:\n    build:\n      context: .\n      dockerfile: ./docker/rails/Dockerfile\n"
        "    volumes:\n      - .:/app\n  db:\n    build:\n      context: .\n      dockerfile: ./docker/mysql/Dockerfile\n"
        "  nginx:\n    build: ./nginx\n    ports:\n      - '80:80'\n"
    )
    (hit,) = of(signals({"backend/docker-compose.yml": rails}), "orchestration-dev")
    assert hit.detail == "compose service 'app' builds (runs the checkout mounted into the container)"
    # a source folder served by NestJS's watch-mode script
    nest = "services:\n  api:\n    build: .\n    volumes:\n      - ./src:/app/src\n    command: yarn start:dev\n"
    assert "orchestration-dev" in categories(signals({"docker-compose.yml": nest}))
    served = nest.replace("yarn start:dev", "yarn start:prod")
    assert "orchestration" in categories(signals({"docker-compose.yml": served}))
    # A production stack mounts its configuration and data, and serves a source folder without reloading.
    shipped = {
        "e/docker-compose.yml": (
            "services:\n  web:\n    build: .\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n"
            "      - data:/var/lib/app\n  php:\n    image: php:8.3-fpm\n    volumes:\n      - ./src:/var/www/html\n"
            "    ports: ['80:80']  # the admin port is not for production\n"
        ),
        "f/docker-compose.yml": "services:\n  api:\n    build: .\n    volumes:\n      - ./app:/app\n    command: gunicorn app:app\n",
        # one service runs the checkout, another the released image of the project
        "g/docker-compose.yml": (
            "services:\n  web:\n    build: .\n    volumes:\n      - .:/app\n"
            "  worker:\n    image: ghcr.io/acme/shop-worker:1.4\n"
        ),
        # the application built beside its own web server image
        "h/docker-compose.yml": "services:\n  app:\n    build: ./app\n  nginx:\n    build: ./docker/nginx\n",
    }
    assert sorted(s.path for s in of(signals(shipped), "orchestration")) == sorted(shipped)


def test_the_service_named_as_evidence_is_the_application_not_its_database(signals: Signals) -> None:
    """A database built from its own folder comes first in the file: the evidence names the
    application's service; a file whose only build is the database's runs no application."""
    stack = (
        "services:\n  db-postgres:\n    build: ./infrastructure/db/postgres\n    ports:\n      - '5431:5431'\n"
        "  market:\n    build: ./market-api\n    depends_on:\n      - db-postgres\n"
    )
    (hit,) = of(signals({"docker-compose.yml": stack}), "orchestration")
    assert (hit.line, hit.detail) == (6, "compose service 'market' builds")
    database = "services:\n  db:\n    build: ./docker/mysql\n  cache:\n    image: redis:7\n"
    assert "orchestration" not in categories(signals({"docker-compose.yml": database}))


def test_images_ci_builds_and_services_named_like_tests_still_ship(signals: Signals) -> None:
    """CI often builds the released image from a ``Dockerfile.ci`` or one kept beside its workflows;
    a word only containing ``test`` or ``dev`` names a service, not a test image."""
    shipped = {
        "Dockerfile.ci": 'FROM debian:bookworm-slim\nCOPY app /app\nCMD ["/app"]\n',
        "ci/Dockerfile": 'FROM debian:bookworm-slim\nCMD ["/app"]\n',
        ".github/workflows/Dockerfile.release": 'FROM alpine:3.20\nCMD ["/app"]\n',
        "services/testimonials/Dockerfile": 'FROM node:22\nCMD ["node", "server.js"]\n',
        "services/devices/Dockerfile": 'FROM node:22\nCMD ["node", "server.js"]\n',
        "Dockerfile.testnet": 'FROM rust:1.83\nCMD ["node", "--chain", "testnet"]\n',
    }
    assert sorted(s.path for s in of(signals(shipped), "container")) == sorted(shipped)


def test_dockerfile_templates_are_not_images(signals: Signals) -> None:
    files = {
        "Dockerfile.j2": "FROM {{ base_image }}\nCOPY . /app\n",
        "generator/files/Dockerfile.ejs": "FROM node:<%= nodeVersion %>\n",
        "scaffold/Dockerfile": "FROM {{ cookiecutter.base }}\n",
        "gen/Dockerfile": 'FROM {{ .BaseImage }}\nCMD ["/app"]\n',
    }
    assert not categories(signals(files)) & {"container", "container-dev"}
    # a build argument is no template
    argued = 'ARG BASE=python:3.12-slim\nFROM ${BASE}\nCMD ["python", "-m", "app"]\n'
    assert [s.path for s in of(signals({"Dockerfile": argued}), "container")] == ["Dockerfile"]


def test_compose_for_development_or_tests_is_orchestration_dev(signals: Signals) -> None:
    app = "services:\n  web:\n    build: .\n    ports: ['8000:8000']\n"
    dev_build = "services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile.dev\n"
    dev_target = "services:\n  web:\n    build:\n      context: .\n      target: development\n"
    files = {
        "docker-compose.test.yml": app,
        "compose.ci.yaml": app,
        ".devcontainer/docker-compose.yml": app,
        "e2e/docker-compose.yml": app,
        "compose.yaml": dev_build,
        "web/docker-compose.yml": dev_target,
    }
    found = signals(files)
    assert "orchestration" not in categories(found)
    details = {s.path: s.detail for s in of(found, "orchestration-dev")}
    assert sorted(details) == sorted(files)
    assert details["docker-compose.test.yml"] == "compose service 'web' builds (named for development or tests)"
    assert details["e2e/docker-compose.yml"] == "compose service 'web' builds (in a development or test folder)"
    assert details["compose.yaml"] == "compose service 'web' builds (builds a development image)"


def test_compose_that_ships_the_app_stays_orchestration(signals: Signals) -> None:
    prod_target = "services:\n  web:\n    build:\n      context: .\n      target: production\n"
    mixed = "services:\n  web:\n    build:\n      dockerfile: Dockerfile.dev\n  api:\n    image: ghcr.io/shop/api:1.4\n"
    files = {"docker-compose.prod.yml": prod_target, "docker-compose.override.yml": prod_target, "compose.yaml": mixed}
    assert sorted(s.path for s in of(signals(files), "orchestration")) == sorted(files)


def test_compose_files_under_other_names(signals: Signals) -> None:
    stack = (
        "version: '3.8'\nservices:\n  api:\n    image: ghcr.io/shop/api:1.4\n"
        "    deploy:\n      replicas: 2\nnetworks:\n  backend:\n    driver: overlay\n"
    )
    found = signals({"docker-stack.yml": stack, "deploy/stack.yml": stack})
    assert sorted(s.path for s in of(found, "orchestration")) == ["deploy/stack.yml", "docker-stack.yml"]
    # other formats with a services section are not Compose files
    others = {
        ".lando.yml": "name: shop\nrecipe: laravel\nservices:\n  appserver:\n    type: php:8.3\n",
        "azure.yaml": "name: shop\nservices:\n  api:\n    project: ./api\n    language: py\n    host: containerapp\n",
        "render.yaml": "services:\n  - type: web\n    name: api\n",
        "services.yaml": "services:\n  mailer:\n    class: App\\\\Mailer\n",
    }
    assert not categories(signals(others)) & {"orchestration", "orchestration-dev"}


def test_nomad_jobs_in_hcl_files(signals: Signals) -> None:
    job = 'job "api" {\n  datacenters = ["dc1"]\n  group "web" {\n    task "server" {\n      driver = "docker"\n    }\n  }\n}\n'
    found = signals({"jobs/api.hcl": job})
    assert [(s.path, s.line, s.detail) for s in of(found, "orchestration")] == [("jobs/api.hcl", 1, "Nomad job")]
    others = {
        "infra/terragrunt.hcl": 'inputs = {\n  job_name = "nightly"\n}\n',
        "consul/server.hcl": 'datacenter = "dc1"\ndata_dir = "/opt/consul"\n',
        "docker-bake.hcl": 'target "job" {\n  context = "."\n}\n',
    }
    assert "orchestration" not in categories(signals(others))


def test_ecs_task_definitions(signals: Signals) -> None:
    taskdef = '{\n  "family": "api",\n  "containerDefinitions": [\n    {"name": "api", "image": "shop/api"}\n  ]\n}\n'
    (hit,) = of(signals({".aws/task-definition.json": taskdef}), "orchestration")
    assert (hit.path, hit.line, hit.detail) == (".aws/task-definition.json", 3, "ECS task definition")
    # a CloudFormation template declaring the task is infrastructure code
    cfn = '{"Resources": {"Task": {"Type": "AWS::ECS::TaskDefinition", "Properties": {}}}, ' + taskdef[1:]
    assert "orchestration" not in categories(signals({"ecs/stack.json": cfn}))


def test_the_container_definitions_terraform_reads_for_an_ecs_task(signals: Signals) -> None:
    containers = (
        '[\n  {\n    "name": "api",\n    "image": "${api_image}",\n    "essential": true,\n'
        '    "portMappings": [{"containerPort": 8080}]\n  }\n]\n'
    )
    for path in ("infra/taskdef.json", "terraform/ecs/container_definitions.json.tpl"):
        (hit,) = of(signals({path: containers}), "orchestration")
        assert (hit.path, hit.line, hit.detail) == (path, 4, "ECS container definitions")
    others = {
        "infra/taskdef.json": '[\n  {"name": "nightly", "schedule": "cron(0 3 * * ? *)"}\n]\n',
        "data/container_definitions.json": '{"name": "api", "image": "shop/api", "essential": true}\n',
        "docs/containers.json": containers,
    }
    assert "orchestration" not in categories(signals(others))


def test_an_ecs_task_definition_written_in_terraform(signals: Signals) -> None:
    """The task definition resource itself, its containers inline (``jsonencode``): the ECS
    workload, as its JSON form is; the cluster or service alone are infrastructure code."""
    module = (
        'resource "aws_ecs_cluster" "main" {\n  name = "shop"\n}\n\n'
        'resource "aws_ecs_task_definition" "api" {\n  family = "api"\n'
        '  container_definitions = jsonencode([{ name = "api", image = var.image, essential = true }])\n}\n'
    )
    (hit,) = of(signals({"terraform/ecs.tf": module}), "orchestration")
    assert (hit.path, hit.line, hit.detail) == ("terraform/ecs.tf", 5, "ECS task definition (Terraform)")
    others = {
        "terraform/ecs.tf": 'resource "aws_ecs_cluster" "main" {\n  name = "shop"\n}\n',
        "terraform/iam.tf": "# grants ecs:RegisterTaskDefinition for aws_ecs_task_definition updates\n",
        "examples/ecs/main.tf": module,
    }
    assert "orchestration" not in categories(signals(others))


def test_a_tiltfile_is_a_development_loop(signals: Signals) -> None:
    """Tilt runs the app on a local cluster (or Compose) while developing: ``orchestration-dev``."""
    tiltfile = (
        "docker_build('shop/api', '.')\nk8s_yaml(kustomize('deploy/dev'))\nk8s_resource('api', port_forwards=8080)\n"
    )
    found = signals({"Tiltfile": tiltfile})
    (dev,) = of(found, "orchestration-dev")
    assert (dev.path, dev.line, dev.detail) == ("Tiltfile", 2, "Tilt development loop (k8s_yaml)")
    assert "orchestration" not in categories(found)
    local_only = "local_resource('tests', 'pytest -q', deps=['src'])\n"
    assert "orchestration-dev" not in categories(signals({"Tiltfile": local_only}))


def test_a_skaffold_pipeline_that_deploys(signals: Signals) -> None:
    pipeline = "apiVersion: skaffold/v4beta11\nkind: Config\nmanifests:\n  rawYaml:\n    - k8s/*.yaml\n"
    (hit,) = of(signals({"skaffold.yaml": pipeline}), "orchestration")
    assert (hit.line, hit.detail) == (3, "Skaffold pipeline (manifests)")


def test_manifests_with_placeholders_a_deploy_script_fills(signals: Signals) -> None:
    manifest = (
        "# filled in by the deploy job\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n"
        "spec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: {{IMAGE}}\n"
    )
    (hit,) = of(signals({"k8s/api.yml": manifest}), "orchestration")
    assert (hit.line, hit.detail) == (4, "Kubernetes Deployment manifest (apps/v1)")
    # the same shape for a local cluster tool, or without metadata, is no manifest
    others = {
        "hack/kind.yaml": "kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\nmetadata:\n  name: {{NAME}}\n",
        "k8s/notes.yml": "apiVersion: apps/v1\nkind: Deployment\nimage: {{IMAGE}}\n",
    }
    assert "orchestration" not in categories(signals(others))


def test_manifests_of_a_test_cluster_are_orchestration_dev(signals: Signals) -> None:
    manifest = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: echo\n"
    found = signals({"e2e/manifests/echo.yaml": manifest})
    assert "orchestration" not in categories(found)
    (dev,) = of(found, "orchestration-dev")
    assert dev.detail == "Kubernetes Deployment manifest (apps/v1) for a test cluster"


def test_backing_services_pulled_through_a_registry_mirror_are_still_backing_services(signals: Signals) -> None:
    mirrored = (
        "services:\n  db:\n    image: public.ecr.aws/docker/library/postgres:16\n"
        "  cache:\n    image: registry.hub.docker.com/library/redis:7\n"
        "  proxy:\n    image: mirror.gcr.io/library/nginx:1.27\n"
    )
    found = signals({"docker-compose.yml": mirrored})
    assert "orchestration" not in categories(found)
    app = mirrored + "  web:\n    image: ghcr.io/shop/web:2.0\n"
    (hit,) = of(signals({"docker-compose.yml": app}), "orchestration")
    assert hit.detail == "compose service 'web' runs image ghcr.io/shop/web:2.0"


def test_manifest_templates_a_deploy_script_renders(signals: Signals) -> None:
    deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: ${REPLICAS}\n"
    service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  selector:\n    app: {{APP}}\n"
    found = signals({"k8s/deployment.yaml.tpl": deployment, "deploy/service.yml.template": service})
    assert sorted((s.path, s.detail) for s in of(found, "orchestration")) == [
        ("deploy/service.yml.template", "Kubernetes Service manifest template (v1)"),
        ("k8s/deployment.yaml.tpl", "Kubernetes Deployment manifest template (apps/v1)"),
    ]
    # a Helm helper, a role's template folder or another tool's configuration template is none
    others = {
        "chart/templates/_helpers.tpl": '{{- define "api.name" -}}api{{- end }}\n',
        "roles/app/templates/deployment.yaml.j2": deployment,
        "config/settings.yaml.tpl": "database:\n  url: ${DATABASE_URL}\nkind: postgres\napiVersion: 2\n",
    }
    assert "orchestration" not in categories(signals(others))


AZURE_PROFILE = """<?xml version="1.0" encoding="utf-8"?>
<Project>
  <PropertyGroup>
    <WebPublishMethod>ZipDeploy</WebPublishMethod>
    <PublishProvider>AzureWebSite</PublishProvider>
    <SiteUrlToLaunchAfterPublish>https://shop.azurewebsites.net</SiteUrlToLaunchAfterPublish>
  </PropertyGroup>
</Project>
"""


def test_a_visual_studio_publish_profile_to_azure_is_paas_and_a_folder_profile_is_not(signals: Signals) -> None:
    path = "Shop.Web/Properties/PublishProfiles/shop - Zip Deploy.pubxml"
    (found,) = of(signals({path: AZURE_PROFILE}), "paas")
    assert (found.path, found.line) == (path, 5)
    folder = AZURE_PROFILE.replace("ZipDeploy", "FileSystem").replace(
        "<PublishProvider>AzureWebSite</PublishProvider>", ""
    )
    folder = folder.replace("https://shop.azurewebsites.net", "")
    assert "paas" not in categories(signals({"Shop.Web/Properties/PublishProfiles/FolderProfile.pubxml": folder}))


def test_nixpacks_and_railpack_configurations_build_an_image(signals: Signals) -> None:
    nixpacks = '[phases.install]\ncmds = ["pip install -r requirements.txt"]\n\n[start]\ncmd = "gunicorn app.wsgi"\n'
    (found,) = of(signals({"nixpacks.toml": nixpacks}), "container")
    assert found.detail == "Nixpacks builds the image (nixpacks.toml)"
    (found,) = of(signals({"railpack.json": '{"deploy": {"startCommand": "node server.js"}}\n'}), "container")
    assert found.detail == "Railpack builds the image (railpack.json)"
    assert "container" not in categories(signals({"nixpacks.toml": "\n"}))


def test_heroku_and_dokku_app_json_by_their_own_keys(signals: Signals) -> None:
    """A Heroku Button, review-app or Dokku ``app.json`` is a platform file; Expo's and React Native's are not."""
    button = (
        '{"name": "Shop", "repository": "https://example.org/shop", "success_url": "/welcome",\n'
        ' "env": {"SECRET_KEY_BASE": {"description": "signs cookies", "generator": "secret"}}}'
    )
    dokku = '{"scripts": {"dokku": {"predeploy": "bin/migrate"}}, "healthchecks": {"web": [{"path": "/up"}]}}'
    cron = '{"cron": [{"command": "bin/cleanup", "schedule": "@daily"}]}'
    found = signals({"app.json": button, "api/app.json": dokku, "jobs/app.json": cron})
    assert sorted(s.path for s in of(found, "paas")) == ["api/app.json", "app.json", "jobs/app.json"]
    expo = '{"expo": {"name": "shop", "slug": "shop", "version": "1.0.0"}}'
    react_native = '{"name": "Shop", "displayName": "Shop"}'
    plain_env = '{"name": "shop", "env": {"LOG_LEVEL": "info"}}'
    assert "paas" not in categories(
        signals({"app.json": expo, "mobile/app.json": react_native, "x/app.json": plain_env})
    )


def test_an_app_yaml_with_a_runtime_table_is_app_config_not_app_engine(signals: Signals) -> None:
    found = signals({"config/app.yaml": "server:\n  port: 8080\nruntime:\n  workers: 4\n"})
    assert "paas" not in categories(found)
    (gae,) = of(signals({"app.yaml": "service: api\nruntime: python312\n"}), "paas")
    assert (gae.path, gae.line) == ("app.yaml", 2)


def test_self_hosted_and_newer_platform_descriptors(signals: Signals) -> None:
    files = {
        "koyeb.yaml": "services:\n  - name: bot\n    type: worker\n    run:\n      command: python bot.py\n",
        "api/porter.yaml": "version: v2\nname: api\nservices:\n  - name: web\n    type: web\n    run: npm start\n",
        "captain-definition": '{"schemaVersion": 2, "dockerfilePath": "./Dockerfile"}',
        "northflank.json": '{"apiVersion": "v1.2", "spec": {"kind": "Workflow", "spec": {"steps": []}}}',
        "edge/deno.json": '{"tasks": {"start": "deno run main.ts"}, "deploy": {"project": "edge", "entrypoint": "main.ts"}}',
        "web/apphosting.yaml": "runConfig:\n  minInstances: 0\n  maxInstances: 2\n",
        "apphosting.yaml": "env:\n  - variable: API_URL\n    value: https://api.shop.test\n    availability: [RUNTIME]\n",
        "Cloudfile": "calendar-api:\n  environment: production\n  servers:\n    app1:\n      size: small\n",
        "cloudflare.config.ts": 'import { defineConfig } from "cf/config";\nexport default defineConfig({\n'
        '  worker: { name: "api", compatibilityDate: "2026-09-25", entrypoint },\n});\n',
    }
    found = of(signals(files), "paas")
    assert sorted(s.path for s in found) == sorted(files)
    assert {s.detail for s in found} >= {"CapRover captain-definition", "Porter app configuration"}


def test_a_firebase_project_with_the_hosting_deploy_cache(signals: Signals) -> None:
    """``firebase deploy`` leaves a cache of each Hosting site it uploaded beside ``.firebaserc``:
    committed, it shows the project is deployed there even where ``firebase.json`` is elsewhere."""
    rc = '{\n  "projects": {\n    "default": "recipes-3f1a2"\n  }\n}\n'
    files = {"web/.firebaserc": rc, "web/.firebase/hosting.YnVpbGQ.cache": "index.html,1690000000000,abc\n"}
    (hit,) = of(signals(files), "paas")
    assert (hit.path, hit.detail) == (
        "web/.firebaserc",
        "Firebase project deployed to Hosting (deploy cache web/.firebase/hosting.YnVpbGQ.cache)",
    )
    # a project alias alone, or a cache left beside another folder's project
    assert "paas" not in categories(signals({".firebaserc": rc}))
    assert "paas" not in categories(signals({".firebaserc": rc, "web/.firebase/hosting.YnVpbGQ.cache": ""}))


def test_a_deno_task_deploying_to_a_named_deno_deploy_project(signals: Signals) -> None:
    """``deployctl deploy --project=NAME`` as a task links the repository to that project on Deno
    Deploy, as the ``deploy`` section ``--save-config`` writes does; a task without a project, or
    one that only runs the app, deploys nowhere named."""
    task = '{"tasks": {"dev": "deno run main.ts", "deploy": "deployctl deploy --project=bitter-dolphin-96 ./src/index.ts"}}'
    as_object = (
        '{"tasks": {"ship": {"description": "to prod", "command": "deployctl deploy --prod --project shop main.ts"}}}'
    )
    found = of(signals({"packages/api/deno.json": task, "shop/deno.jsonc": as_object}), "paas")
    assert sorted(s.path for s in found) == ["packages/api/deno.json", "shop/deno.jsonc"]
    assert "deployctl deploy --project" in found[0].detail
    unnamed = '{"tasks": {"deploy": "deployctl deploy main.ts", "start": "deno run -A main.ts --project=x"}}'
    assert "paas" not in categories(signals({"deno.json": unnamed}))


def test_platform_descriptor_names_without_a_deployable_shape(signals: Signals) -> None:
    """A Porter CNAB bundle installs software, a plain ``deno.json`` only runs tasks, an empty Koyeb file deploys nothing."""
    files = {
        "porter.yaml": "schemaVersion: 1.0.0\nname: bundle\nversion: 0.1.0\nmixins:\n  - exec\ninstall:\n  - exec:\n"
        "      command: ./install.sh\n",
        "deno.json": '{"tasks": {"dev": "deno run main.ts"}, "imports": {}}',
        "koyeb.yaml": "# deployed from the dashboard\n",
        "captain-definition": '{"note": "see README"}',
        "northflank.json": '{"name": "notes"}',
        "examples/koyeb.yaml": "services:\n  - name: demo\n",
        "apphosting.yaml": "# settings live in the Firebase console\nname: web\n",
        "Cloudfile": "# no clouds yet\n",
        # account settings only, or another tool's defineConfig
        "cloudflare.config.ts": 'import { defineConfig } from "cf/config";\nexport default defineConfig({ accountId: "x" });\n',
        "web/cloudflare.config.js": 'import { defineConfig } from "vite";\nexport default defineConfig({\n  worker: {},\n});\n',
    }
    assert "paas" not in categories(signals(files))


PLAY = "- name: Web servers\n  hosts: web\n  become: true\n  tasks:\n    - name: nginx\n      ansible.builtin.apt:\n        name: nginx\n"


def test_any_play_in_a_playbooks_or_ansible_folder_is_a_playbook(signals: Signals) -> None:
    files = {"playbooks/webservers.yml": PLAY, "ansible/db.yaml": PLAY.replace("web", "db")}
    found = signals({**files, "ansible/group_vars/all.yml": "nginx_port: 80\n", "notes/webservers.yml": PLAY})
    assert sorted(s.path for s in of(found, "iac")) == sorted(files)


def test_plays_named_for_what_they_configure_in_an_ansible_project_layout(signals: Signals) -> None:
    """Ansible's layout keeps playbooks named for their hosts (``webservers.yml``, ``cart.yaml``) at the
    top of the project: the repository root, or a folder beside ``roles/``, ``group_vars/``, an
    inventory or ``ansible.cfg``."""
    files = {
        "cart.yaml": PLAY.replace("web", "cart"),
        "deploy/webservers.yml": PLAY,
        "deploy/roles/nginx/tasks/main.yml": "- name: nginx\n  ansible.builtin.apt:\n    name: nginx\n",
        "ops/dbservers.yml": PLAY.replace("web", "db"),
        "ops/ansible.cfg": "[defaults]\ninventory = hosts.ini\n",
    }
    found = {s.path for s in of(signals(files), "iac")}
    assert {"cart.yaml", "deploy/webservers.yml", "ops/dbservers.yml"} <= found


def test_lists_that_are_not_plays_or_plays_outside_a_project_layout(signals: Signals) -> None:
    files = {
        "links.yml": "- name: docs\n  url: https://example.org\n- name: hosts\n  url: https://example.com\n",
        "notes/webservers.yml": PLAY,
        "data/servers.yml": "- name: web\n  hosts: [a, b]\n",
    }
    assert "iac" not in categories(signals(files))


VAGRANTFILE = (
    'Vagrant.configure("2") do |config|\n  config.vm.box = "ubuntu/jammy64"\n'
    '  config.vm.provision "ansible_local" do |ansible|\n    ansible.playbook = "provisioning/playbook.yml"\n'
    "  end\nend\n"
)


def test_ansible_that_only_provisions_a_vagrant_vm_is_not_infrastructure(signals: Signals) -> None:
    dev_vm = {
        "Vagrantfile": VAGRANTFILE,
        "provisioning/playbook.yml": "- hosts: all\n  roles:\n    - app\n",
        "provisioning/roles/app/tasks/main.yml": "- name: deps\n  apt:\n    name: python3\n",
        "ansible.cfg": "[defaults]\nroles_path = provisioning/roles\n",
    }
    assert "iac" not in categories(signals(dev_vm))
    # another playbook, or an inventory of real hosts, configures servers
    other = {s.path for s in of(signals({**dev_vm, "playbooks/site.yml": PLAY}), "iac")}
    assert "playbooks/site.yml" in other and "provisioning/playbook.yml" not in other
    served = signals({**dev_vm, "inventory.ini": "[web]\nweb1 ansible_host=203.0.113.10\n"})
    assert "provisioning/playbook.yml" in {s.path for s in of(served, "iac")}
    vm_inventory = signals({**dev_vm, "hosts": "[vagrant]\n192.168.56.10\n"})
    assert "iac" not in categories(vm_inventory)


def test_crossplane_compositions_and_managed_resources(signals: Signals) -> None:
    files = {
        "platform/composition.yaml": "apiVersion: apiextensions.crossplane.io/v1\nkind: Composition\nmetadata:\n"
        "  name: xdb\n",
        "platform/bucket.yaml": "apiVersion: s3.aws.upbound.io/v1beta1\nkind: Bucket\nmetadata:\n  name: assets\n",
    }
    found = of(signals(files), "iac")
    assert sorted((s.path, s.line, s.detail) for s in found) == [
        ("platform/bucket.yaml", 1, "Crossplane resource"),
        ("platform/composition.yaml", 1, "Crossplane resource"),
    ]
    # a provider's own package metadata is the provider's code, not infrastructure
    package = "apiVersion: meta.pkg.crossplane.io/v1\nkind: Provider\nmetadata:\n  name: provider-acme\n"
    assert "iac" not in categories(signals({"package/crossplane.yaml": package}))


def test_nixos_deployments_with_deploy_rs_and_colmena(signals: Signals) -> None:
    flake = (
        '{\n  outputs = { self, nixpkgs, deploy-rs }: {\n    deploy.nodes.web = {\n      hostname = "web.example.org";\n'
        "      profiles.system.path = deploy-rs.lib.x86_64-linux.activate.nixos self.nixosConfigurations.web;\n"
        "    };\n  };\n}\n"
    )
    hive = "{\n  meta = {\n    nixpkgs = import <nixpkgs> {};\n  };\n  web = { ... }: {\n    services.nginx.enable = true;\n  };\n}\n"
    found = of(signals({"flake.nix": flake, "hosts/hive.nix": hive}), "iac")
    assert sorted((s.path, s.line, s.detail) for s in found) == [
        ("flake.nix", 3, "NixOS deployment (deploy-rs)"),
        ("hosts/hive.nix", 2, "NixOS deployment (colmena)"),
    ]


def test_nix_files_that_deploy_nothing(signals: Signals) -> None:
    """A flake that only builds or configures a machine, or a derivation's ``meta``, deploys nothing."""
    flake = (
        '{\n  inputs.deploy-rs.url = "github:serokell/deploy-rs";\n  outputs = { self, nixpkgs, ... }: {\n'
        "    nixosConfigurations.laptop = nixpkgs.lib.nixosSystem { modules = [ ./laptop.nix ]; };\n  };\n}\n"
    )
    package = '{ lib, stdenv }:\nstdenv.mkDerivation {\n  pname = "hive";\n  meta = with lib; { license = licenses.mit; };\n}\n'
    assert "iac" not in categories(signals({"flake.nix": flake, "hive.nix": package}))


NEXT_DEV_IMAGE = """\
FROM node:20-alpine
WORKDIR /app
COPY package.json yarn.lock* package-lock.json* ./
RUN npm ci
COPY src ./src
# Start Next.js in development mode based on the preferred package manager
CMD \\
  if [ -f yarn.lock ]; then yarn dev; \\
  elif [ -f package-lock.json ]; then npm run dev; \\
  else npm run dev; \\
  fi
"""


def test_an_image_that_starts_a_javascript_development_server_is_a_development_image(signals: Signals) -> None:
    (dev,) = of(signals({"Dockerfile": NEXT_DEV_IMAGE}), "container-dev")
    assert dev.detail == "development image FROM node:20-alpine (it starts a development server: `yarn dev`)"
    for start in ('CMD ["npm", "start"]', 'CMD ["npm", "run", "dev:prod"]', "CMD yarn dev && node server.js"):
        text = f"FROM node:20-alpine\nCOPY . .\n{start}\n"
        assert [s.line for s in of(signals({"Dockerfile": text}), "container")] == [1], start
    # NestJS's watch-mode script (``start:dev``: ``nest start --watch``), not its ``start:prod``
    nest = "FROM node:18-alpine\nCOPY . .\nEXPOSE 8080\nCMD {start}\n"
    (watch,) = of(signals({"Dockerfile": nest.format(start='["yarn", "start:dev"]')}), "container-dev")
    assert watch.detail.endswith("(it starts a development server: `yarn start:dev`)")
    shipped = signals({"Dockerfile": nest.format(start='["npm", "run", "start:prod"]')})
    assert [s.line for s in of(shipped, "container")] == [1]


@pytest.mark.parametrize(
    ("image", "start", "shown"),
    [
        ("rust:1", 'CMD ["cargo", "watch", "-x", "run"]', "cargo watch -x run"),
        ("mcr.microsoft.com/dotnet/sdk:8.0", 'ENTRYPOINT ["dotnet", "watch", "run"]', "dotnet watch run"),
        ("golang:1.22", 'CMD ["air", "-c", ".air.toml"]', "air -c .air.toml"),
        (
            "python:3.12",
            "CMD uvicorn app.main:app --host 0.0.0.0 --reload",
            "uvicorn app.main:app --host 0.0.0.0 --reload",
        ),
    ],
)
def test_an_image_that_starts_a_watcher_rebuilding_on_each_change_is_a_development_image(
    signals: Signals, image: str, start: str, shown: str
) -> None:
    text = f"FROM {image}\nWORKDIR /app\nCOPY . .\nEXPOSE 8080\n{start}\n"
    (dev,) = of(signals({"Dockerfile": text}), "container-dev")
    assert dev.detail == f"development image FROM {image} (it starts a development server: `{shown}`)"
    assert "container" not in categories(signals({"Dockerfile": text}))
    for shipped in ('CMD ["./server"]', "CMD uvicorn app.main:app --host 0.0.0.0", 'ENTRYPOINT ["/app/air-quality"]'):
        built = f"FROM {image}\nCOPY . .\n{shipped}\n"
        assert [s.line for s in of(signals({"Dockerfile": built}), "container")] == [1], shipped


def test_a_database_image_seeded_with_a_schema_is_a_backing_service_not_the_application(signals: Signals) -> None:
    text = "FROM postgres:16\nCOPY schema.sql /docker-entrypoint-initdb.d/\n"
    found = signals({"database/Dockerfile": text})
    assert "container" not in categories(found)
    assert [s.detail for s in of(found, "container-dev")] == [
        "backing service image FROM postgres:16 (a database, cache or broker the application uses, not the application)"
    ]


DEV_COMPOSE = """\
services:
  php:
    build:
      context: .docker/php
    volumes:
      - ./:/var/www/html
  database:
    image: mariadb:11
"""


def test_an_image_only_a_development_compose_file_builds_is_a_development_image(signals: Signals) -> None:
    """The Compose file runs the checkout mounted into the container: the image it builds from
    ``.docker/php/`` serves development; a CI job naming that folder ships it."""
    image = "FROM php:8.2-fpm-alpine\nRUN docker-php-ext-install pdo_mysql\n"
    files = {"docker-compose.yaml": DEV_COMPOSE, ".docker/php/Dockerfile": image}
    (dev,) = of(signals(files), "container-dev")
    assert dev.detail == (
        "development image FROM php:8.2-fpm-alpine (only the development Compose file docker-compose.yaml builds it)"
    )
    ci = "build:\n  script:\n    - docker build -t shop/php .docker/php\n    - docker push shop/php\n"
    assert [s.path for s in of(signals({**files, ".gitlab-ci.yml": ci}), "container")] == [".docker/php/Dockerfile"]


def test_a_root_image_under_a_name_of_its_own_that_only_a_development_compose_file_builds(signals: Signals) -> None:
    """A root ``fb-dockerfile`` (a Firebase emulator) is built only where it is named: when that is a
    development Compose file alone, it serves development. The root ``Dockerfile`` stays the
    project's image, which platforms build without being told."""
    image = "FROM node:20.17-alpine\nRUN yarn global add firebase-tools\nENTRYPOINT /usr/bin/serve.sh\n"
    compose = (
        "services:\n  emulator:\n    build:\n      dockerfile: fb-dockerfile\n    volumes:\n      - './:/firebase'\n"
    )
    found = signals({"fb-dockerfile": image, "docker-compose.yml": compose})
    assert "container" not in categories(found)
    assert [s.path for s in of(found, "container-dev")] == ["fb-dockerfile"]
    default = compose.replace("      dockerfile: fb-dockerfile\n", "      context: .\n")
    assert [s.path for s in of(signals({"Dockerfile": image, "docker-compose.yml": default}), "container")] == [
        "Dockerfile"
    ]
    ci = "jobs:\n  image:\n    runs-on: ubuntu-latest\n    steps:\n      - run: docker build -f fb-dockerfile .\n"
    shipped = signals({"fb-dockerfile": image, "docker-compose.yml": compose, ".github/workflows/image.yml": ci})
    assert [s.path for s in of(shipped, "container")] == ["fb-dockerfile"]


def test_a_committed_vercel_project_link_is_a_paas_deployment(signals: Signals) -> None:
    """``vercel link`` (or a first ``vercel deploy``) writes ``.vercel/project.json``: committed, it
    shows the project deploys to Vercel even without a ``vercel.json``."""
    link = '{"projectId":"prj_0123456789abcdef","orgId":"team_0123456789abcdef","projectName":"api"}'
    found = of(signals({".vercel/project.json": link, "package.json": "{}"}), "paas")
    assert [(s.path, s.detail) for s in found] == [
        (".vercel/project.json", "Vercel project link (.vercel/project.json)")
    ]
    assert not of(signals({".vercel/README.txt": "linked\n", "project.json": link.replace("prj", "x")}), "paas")


def test_netlify_and_cloudflare_pages_redirect_rules_are_a_platform_file(signals: Signals) -> None:
    """The ``_redirects`` file of the published folder is read by Netlify and Cloudflare Pages only:
    its rules (a path, where it goes, a status) say where the site is hosted."""
    rules = (
        "# API through the backend\n/api/*  https://pacific-anchorage-32368.herokuapp.com  200\n/*  /index.html  200\n"
    )
    (hit,) = of(signals({"public/_redirects": rules}), "paas")
    assert (hit.path, hit.line) == ("public/_redirects", 2)
    assert "paas" not in categories(signals({"public/_redirects": "# no rules yet\n"}))
    assert "paas" not in categories(signals({"examples/site/_redirects": rules}))


def test_the_elixir_buildpacks_settings_are_a_platform_file(signals: Signals) -> None:
    """Heroku's and Gigalixir's Elixir and Phoenix static buildpacks read these files, nothing else does."""
    files = {
        "elixir_buildpack.config": "# Erlang version\nerlang_version=21.1.4\nelixir_version=1.8.1\n",
        "phoenix_static_buildpack.config": "node_version=10.13.0\n",
    }
    found = of(signals(files), "paas")
    assert [(s.path, s.detail) for s in found] == [
        ("elixir_buildpack.config", "Elixir buildpack configuration (Heroku/Gigalixir)"),
        ("phoenix_static_buildpack.config", "Phoenix static buildpack configuration (Heroku/Gigalixir)"),
    ]
    assert "paas" not in categories(signals({"elixir_buildpack.config": "\n"}))
