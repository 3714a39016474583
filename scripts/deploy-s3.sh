#!/bin/sh
# The alternative deploy (docs/deploy.md): dist/ to an S3 bucket, then a CloudFront invalidation of
# exactly the URL paths that changed. Needs the aws CLI and, in the environment: S3_BUCKET,
# CLOUDFRONT_DISTRIBUTION_ID and AWS credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
# AWS_DEFAULT_REGION, or a profile).
#   sh scripts/deploy-s3.sh dist .broadsheet/deploy/.changed-paths
# S3 does not read dist/_headers, so each group of files gets its Cache-Control here (the same
# values as _headers); the security headers come from a CloudFront response headers policy.
set -eu
dist=${1:-dist}
changed=${2:-$dist/.changed-paths}
: "${S3_BUCKET:?set S3_BUCKET}" "${CLOUDFRONT_DISTRIBUTION_ID:?set CLOUDFRONT_DISTRIBUTION_ID}"
records="--exclude _headers --exclude _redirects --exclude .broadsheet-manifest.json --exclude .changed-paths"

# Only files the build wrote with new bytes have a new mtime (scripts/lib/finish-dist.ts), so sync's
# time comparison uploads just those. Hashed assets first, so no new page is served before the files
# it names; old ones stay, so a reader (or a cache) holding yesterday's page still finds its photo.
aws s3 sync "$dist/_astro" "s3://$S3_BUCKET/_astro" --cache-control 'public, max-age=31536000, immutable'
if [ -d "$dist/pagefind" ]; then
  aws s3 sync "$dist/pagefind" "s3://$S3_BUCKET/pagefind" --delete --cache-control 'public, max-age=0, must-revalidate'
fi
# shellcheck disable=SC2086
aws s3 sync "$dist" "s3://$S3_BUCKET" --delete $records --exclude '_astro/*' --exclude 'pagefind/*' \
  --cache-control 'public, max-age=60, stale-while-revalidate=600'

# New /_astro/ names were never cached, so they need no purge. CloudFront charges per path above
# 1,000 a month: past that many, one wildcard is cheaper.
paths=$(grep -v '^/_astro/' "$changed" || true)
count=$(printf '%s' "$paths" | grep -c . || true)
if [ "$count" -eq 0 ]; then
  echo "Nothing to purge."
elif [ "$count" -gt 1000 ]; then
  aws cloudfront create-invalidation --distribution-id "$CLOUDFRONT_DISTRIBUTION_ID" --paths '/*'
else
  # shellcheck disable=SC2086
  aws cloudfront create-invalidation --distribution-id "$CLOUDFRONT_DISTRIBUTION_ID" --paths $paths
fi
