#!/usr/bin/env bash
# A full ec2-ssm deployment against moto_server, Slipway end to end (DeployService -> ECR, S3, SSM, journal, history)
# against a shell script making the seed's same calls with the aws CLI on the same emulator; then a 500-instance
# fan-out counting SendCommand calls and Slipway's own CPU time. Zero waits. Not a test: it prints figures.
# Targets: Slipway <= 0.2x the script's wall time; fan-out <= 11 SendCommand calls and <= 2 s of Slipway's own time.
#
#   bench/aws-ssm.sh                       # 10 measured runs of each, 500 instances
#   RUNS=5 INSTANCES=200 bench/aws-ssm.sh
set -euo pipefail

RUNS=${RUNS:-10}
INSTANCES=${INSTANCES:-500}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/slipway-aws-bench.XXXXXX")
MOTO_PID=""
cleanup() {
  if [ -n "$MOTO_PID" ]; then kill "$MOTO_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v moto_server >/dev/null || { echo "moto_server is not installed" >&2; exit 2; }
# shellcheck source=/dev/null
. "$ROOT/.mvn/jdk.sh"
JAVA="$JAVA_HOME/bin/java"

echo "== building adapters-aws and its test classpath"
build() {
  timeout 300 "$ROOT/mvnw" -B -o -q -f "$ROOT/pom.xml" "$@" \
    dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
}
if ! build -pl adapters-aws test-compile >"$WORK/build.log" 2>&1; then
  build -pl adapters-aws -am test-compile >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log"; exit 1; }
fi
CP="$ROOT/adapters-aws/target/test-classes:$ROOT/adapters-aws/target/classes:$(cat "$ROOT/adapters-aws/target/bench-classpath.txt")"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
moto_server -H 127.0.0.1 -p "$PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
ENDPOINT="http://127.0.0.1:$PORT"
for _ in $(seq 1 200); do
  if curl -fs -o /dev/null "$ENDPOINT/moto-api/"; then break; fi
  sleep 0.05
done

export AWS_ACCESS_KEY_ID=AKIDSLIPWAYBENCH AWS_SECRET_ACCESS_KEY=bench-not-a-secret AWS_DEFAULT_REGION=eu-west-1 AWS_EC2_METADATA_DISABLED=true

if command -v aws >/dev/null && aws --version >/dev/null 2>&1; then
  echo "== the seed's script with the aws CLI ($(aws --version 2>&1 | head -1)), $RUNS runs, 3 instances"
  curl -fs -X POST "$ENDPOINT/moto-api/reset" >/dev/null
  a() { aws --endpoint-url "$ENDPOINT" --output text "$@"; }
  mapfile -t IDS < <(a ec2 run-instances --image-id ami-12c6146b --count 3 --query 'Instances[].InstanceId' | tr '\t' '\n')
  a s3api create-bucket --bucket seed-bundles --create-bucket-configuration LocationConstraint=eu-west-1 >/dev/null
  a ecr create-repository --repository-name hello >/dev/null
  mkdir -p "$WORK/bundle"
  cp "$ROOT/deploy/agent/slipway-agent.sh" "$ROOT/deploy/agent/slipway.service.template" "$WORK/bundle/"
  printf 'GREETING=hello\n' >"$WORK/bundle/.env.example"
  times=()
  for run in $(seq 0 $((RUNS + 1))); do
    version="0.2.$run-dev"
    layer=$(printf 'sha256:%064d' "$run")
    manifest="{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":1,\"digest\":\"$layer\"},\"layers\":[{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":1,\"digest\":\"$layer\"}]}"
    a ecr put-image --repository-name hello --image-tag "$version" --image-manifest "$manifest" >/dev/null
    start=$(date +%s%N)
    # The seed: the image is there, retag it latest-dev, build and upload the bundle, send-command, poll each instance.
    a ecr describe-images --repository-name hello --image-ids imageTag="$version" >/dev/null
    got=$(a ecr batch-get-image --repository-name hello --image-ids imageTag="$version" --query 'images[0].imageManifest')
    a ecr put-image --repository-name hello --image-tag latest-dev --image-manifest "$got" >/dev/null 2>&1 || true
    printf '%s\n' "$version" >"$WORK/bundle/VERSION"
    tar -czf "$WORK/deploy-bundle-$version.tar.gz" -C "$WORK/bundle" .
    a s3 cp "$WORK/deploy-bundle-$version.tar.gz" "s3://seed-bundles/bundles/dev/deploy-bundle-$version.tar.gz" --only-show-errors
    cid=$(a ssm send-command --document-name AWS-RunShellScript --instance-ids "${IDS[@]}" \
      --parameters "commands=[\"aws s3 cp s3://seed-bundles/bundles/dev/deploy-bundle-$version.tar.gz /tmp/b.tgz\",\"tar -xzf /tmp/b.tgz -C /tmp/b\",\"bash /tmp/b/slipway-agent.sh deploy hello dev $version repo 8080 /health\"]" \
      --query 'Command.CommandId')
    for id in "${IDS[@]}"; do
      status=$(a ssm get-command-invocation --command-id "$cid" --instance-id "$id" --query Status)
      [ "$status" = "Success" ] || { echo "instance $id: $status" >&2; exit 1; }
    done
    end=$(date +%s%N)
    if [ "$run" -ge 2 ]; then times+=($(((end - start) / 1000000))); fi
  done
  mapfile -t sorted < <(printf '%s\n' "${times[@]}" | sort -n)
  echo "aws CLI script 3-instance deployment: median ${sorted[$((${#sorted[@]} / 2))]} ms, min ${sorted[0]} ms, max ${sorted[-1]} ms over ${#sorted[@]} runs"
else
  echo "== the aws CLI is not installed: measuring Slipway alone"
fi

echo "== Slipway, $RUNS runs, 3 instances; then $INSTANCES instances"
"$JAVA" -Xms256m -Xmx1g -XX:+UseSerialGC -Dmoto="$ENDPOINT" -Druns="$RUNS" -Dinstances="$INSTANCES" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" dev.slipway.adapter.aws.SsmDeploymentBenchmark
