#!/usr/bin/env bash
# Slipway's instance agent: runs on an EC2 instance from a deploy bundle (sent there by the ec2-ssm target through
# SSM) and brings one release of a service up as a systemd unit that runs its container image.
#
#   slipway-agent.sh deploy SERVICE ENVIRONMENT VERSION IMAGE_REPOSITORY PORT HEALTH_PATH
#   slipway-agent.sh version SERVICE ENVIRONMENT
#
# deploy: logs in to ECR (when the repository is in ECR), pulls IMAGE_REPOSITORY:VERSION, writes the unit from
# slipway.service.template next to this script, stops the old unit, starts the new one, checks
# http://127.0.0.1:PORT/HEALTH_PATH, then writes VERSION. The previous image is left in place for a rollback.
# Deploying the version that already runs and answers is a no-op. Every argument is checked against a strict
# pattern; none is ever evaluated as shell text.
#
# Exit codes: 0 deployed (or already running) · 2 bad arguments · 3 nothing deployed yet (version) ·
# 10 registry login failed · 11 image pull failed · 12 unit could not be written · 13 unit did not start ·
# 14 health check failed
#
# Environment (optional): SLIPWAY_ROOT (state, default /opt/slipway), SLIPWAY_SYSTEMD_DIR (default
# /etc/systemd/system), SLIPWAY_HEALTH_ATTEMPTS (default 30), SLIPWAY_HEALTH_INTERVAL (seconds, default 2).
set -euo pipefail

readonly EXIT_USAGE=2 EXIT_NOTHING=3 EXIT_LOGIN=10 EXIT_PULL=11 EXIT_UNIT=12 EXIT_START=13 EXIT_HEALTH=14

readonly NAME_RE='^[a-z][a-z0-9-]{0,39}$'
readonly VERSION_RE='^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$'
readonly REPOSITORY_RE='^[a-z0-9][a-z0-9.-]*(:[0-9]{1,5})?(/[a-z0-9][a-z0-9._-]*)+$'
readonly PORT_RE='^[1-9][0-9]{0,4}$'
readonly PATH_RE='^/[A-Za-z0-9/._-]{0,200}$'
readonly NUMBER_RE='^[0-9]{1,4}$'

root="${SLIPWAY_ROOT:-/opt/slipway}"
systemd_dir="${SLIPWAY_SYSTEMD_DIR:-/etc/systemd/system}"
attempts="${SLIPWAY_HEALTH_ATTEMPTS:-30}"
interval="${SLIPWAY_HEALTH_INTERVAL:-2}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

say() { printf 'slipway-agent: %s\n' "$*"; }
refuse() { printf 'slipway-agent: %s\n' "$*" >&2; exit "$EXIT_USAGE"; }

require() { # require LABEL VALUE REGEX
  [[ "$2" =~ $3 ]] || refuse "$1 '$2' is not allowed"
}

deploy() {
  [[ $# -eq 6 ]] || refuse "deploy needs SERVICE ENVIRONMENT VERSION IMAGE_REPOSITORY PORT HEALTH_PATH"
  local service="$1" environment="$2" version="$3" repository="$4" port="$5" health_path="$6"
  require service "$service" "$NAME_RE"
  require environment "$environment" "$NAME_RE"
  require version "$version" "$VERSION_RE"
  require "image repository" "$repository" "$REPOSITORY_RE"
  require port "$port" "$PORT_RE"
  require "health path" "$health_path" "$PATH_RE"
  require SLIPWAY_HEALTH_ATTEMPTS "$attempts" "$NUMBER_RE"
  require SLIPWAY_HEALTH_INTERVAL "$interval" "$NUMBER_RE"

  local unit="slipway-${service}-${environment}"
  local state="${root}/${service}-${environment}"
  local image="${repository}:${version}"
  local health_url="http://127.0.0.1:${port}${health_path}"

  if [[ -f "${state}/VERSION" && "$(<"${state}/VERSION")" == "$version" ]] \
      && systemctl is-active --quiet "${unit}.service" \
      && curl -fsS --max-time 2 -o /dev/null "$health_url"; then
    say "${service}/${environment} already runs ${version}; nothing to do"
    return 0
  fi

  mkdir -p "$state"
  local registry="${repository%%/*}"
  if [[ "$registry" =~ ^[0-9]{12}\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$ ]]; then
    local region="${BASH_REMATCH[1]}"
    say "logging in to ${registry}"
    aws ecr get-login-password --region "$region" | docker login --username AWS --password-stdin "$registry" >/dev/null \
      || { say "could not log in to ${registry}" >&2; exit "$EXIT_LOGIN"; }
  fi

  say "pulling ${image}"
  docker pull --quiet "$image" >/dev/null || { say "could not pull ${image}" >&2; exit "$EXIT_PULL"; }

  local env_file="${state}/env"
  if [[ ! -f "$env_file" ]]; then
    # The operator owns the env file once it exists; the example only seeds it.
    if [[ -f "${here}/.env.example" ]]; then cp "${here}/.env.example" "$env_file"; else : >"$env_file"; fi
    chmod 600 "$env_file"
  fi

  local template
  [[ -r "${here}/slipway.service.template" ]] || { say "no unit template in the bundle" >&2; exit "$EXIT_UNIT"; }
  template="$(<"${here}/slipway.service.template")"
  template="${template//@SERVICE@/$service}"
  template="${template//@ENVIRONMENT@/$environment}"
  template="${template//@UNIT@/$unit}"
  template="${template//@IMAGE@/$image}"
  template="${template//@ENV_FILE@/$env_file}"
  template="${template//@PORT@/$port}"
  { printf '%s\n' "$template" >"${systemd_dir}/${unit}.service.new" \
      && mv "${systemd_dir}/${unit}.service.new" "${systemd_dir}/${unit}.service"; } \
    || { say "could not write ${systemd_dir}/${unit}.service" >&2; exit "$EXIT_UNIT"; }

  if [[ -f "${state}/VERSION" ]]; then cp "${state}/VERSION" "${state}/PREVIOUS_VERSION"; fi
  rm -f "${state}/VERSION"

  systemctl daemon-reload
  if systemctl is-active --quiet "${unit}.service"; then
    say "stopping the running ${unit}"
    systemctl stop "${unit}.service"
  fi
  say "starting ${unit} with ${image}"
  systemctl enable --now "${unit}.service" >/dev/null 2>&1 || { say "${unit} did not start" >&2; exit "$EXIT_START"; }

  local attempt
  for ((attempt = 1; attempt <= attempts; attempt++)); do
    if curl -fsS --max-time 2 -o /dev/null "$health_url"; then
      printf '%s\n' "$version" >"${state}/VERSION"
      say "${service}/${environment} runs ${version} and answers ${health_url}"
      return 0
    fi
    if ((attempt < attempts)); then sleep "$interval"; fi
  done
  say "${health_url} did not answer after ${attempts} attempts" >&2
  exit "$EXIT_HEALTH"
}

version() {
  [[ $# -eq 2 ]] || refuse "version needs SERVICE ENVIRONMENT"
  require service "$1" "$NAME_RE"
  require environment "$2" "$NAME_RE"
  local file="${root}/${1}-${2}/VERSION"
  [[ -f "$file" ]] || { say "nothing deployed for ${1}/${2}" >&2; exit "$EXIT_NOTHING"; }
  cat "$file"
}

case "${1:-}" in
  deploy) shift; deploy "$@" ;;
  version) shift; version "$@" ;;
  *) refuse "usage: slipway-agent.sh deploy SERVICE ENVIRONMENT VERSION IMAGE_REPOSITORY PORT HEALTH_PATH | version SERVICE ENVIRONMENT" ;;
esac
