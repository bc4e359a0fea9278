#!/usr/bin/env node
// Waits until a Kafka broker answers a metadata request (kafkajs admin.listTopics()).
// Usage: node scripts/kafka-wait.js [brokers=localhost:9092] [timeoutSeconds=90]
// Exit 0 when it answers, 1 on timeout. Used by scripts/kafka.sh (start/status).
// On a secured broker, KAFKA_WAIT_SASL_USERNAME / KAFKA_WAIT_SASL_PASSWORD authenticate (SCRAM-SHA-256).
'use strict';

const { Kafka, logLevel } = require('kafkajs');

const brokers = (process.argv[2] || process.env.KAFKA_BROKERS || 'localhost:9092').split(',');
const timeoutMs = Number(process.argv[3] || 90) * 1000;
const deadline = Date.now() + timeoutMs;
const sasl = process.env.KAFKA_WAIT_SASL_USERNAME
  ? { mechanism: 'scram-sha-256', username: process.env.KAFKA_WAIT_SASL_USERNAME, password: process.env.KAFKA_WAIT_SASL_PASSWORD || '' }
  : undefined;

async function attempt() {
  const kafka = new Kafka({
    clientId: 'kafka-wait',
    brokers,
    sasl,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    requestTimeout: 5000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

(async () => {
  let lastError;
  for (;;) {
    try {
      if (await attempt()) process.exit(0);
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      console.error(
        `kafka-wait: no answer from ${brokers.join(',')} within ${timeoutMs / 1000}s` + (lastError ? `: ${lastError.message}` : ''),
      );
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
})();
