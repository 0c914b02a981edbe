#!/usr/bin/env bash
# Formats the Swift sources in place, then lints them strictly (as swift-argument-parser does).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift format format --parallel --in-place --recursive Sources Tests Package.swift
swift format lint --strict --parallel --recursive Sources Tests Package.swift
