#!/usr/bin/env node
// check.js: an independent validator for the iCalendar files crossmeet writes.
//
// Usage: node check.js [--json] FILE.ics...
//
// Each file is parsed with ical.js (https://github.com/kewisch/ical.js),
// which does not share any code with the Go writer, and then checked for
// what RFC 5545 requires and ical.js does not enforce:
//
//   - every line ends in CRLF and there is no bare CR or LF (RFC 5545 3.1);
//   - no physical line is longer than 75 octets, and folding never splits
//     a UTF-8 sequence: each physical line is valid UTF-8 on its own (3.1);
//   - no DATE-TIME carries a TZID parameter and a trailing Z (3.3.5);
//   - every TZID used has a VTIMEZONE in the same file (3.2.19);
//   - every VEVENT has UID, DTSTAMP, DTSTART and DTEND or DURATION, with
//     DTSTART before DTEND, times resolved through the file's VTIMEZONEs
//     (3.6.1); UIDs are unique in a file;
//   - every VALARM has ACTION and TRIGGER, and DESCRIPTION when it is a
//     DISPLAY alarm (3.6.6); ORGANIZER and ATTENDEE are mailto: addresses.
//
// Problems are printed to stderr as "FILE: message" and make the exit status
// 1. With --json, stdout receives a JSON array with one object per VEVENT
// ({file, uid, summary, start, end}, times in Unix seconds as ical.js
// computes them), so a test can compare the instants with what it wrote.
'use strict';

const fs = require('fs');
const path = require('path');
const ICAL = require('ical.js');

function lineProblems(buf) {
  const problems = [];
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    utf8.decode(buf);
  } catch (e) {
    problems.push('file is not valid UTF-8');
  }
  if (buf.length === 0) {
    problems.push('file is empty');
    return problems;
  }
  let start = 0;
  let lineNo = 0;
  while (start < buf.length) {
    lineNo++;
    let end = buf.indexOf(0x0a, start);
    if (end < 0) {
      problems.push(`line ${lineNo}: file does not end in CRLF`);
      end = buf.length;
    } else if (end === start || buf[end - 1] !== 0x0d) {
      problems.push(`line ${lineNo}: line ends in a bare LF`);
    }
    const contentEnd = end > start && buf[end - 1] === 0x0d ? end - 1 : end;
    const line = buf.subarray(start, contentEnd);
    if (line.indexOf(0x0d) >= 0) {
      problems.push(`line ${lineNo}: bare CR inside a line`);
    }
    if (line.length > 75) {
      problems.push(`line ${lineNo}: ${line.length} octets, more than 75`);
    }
    try {
      utf8.decode(line);
    } catch (e) {
      problems.push(`line ${lineNo}: folding splits a UTF-8 sequence`);
    }
    start = end + 1;
  }
  return problems;
}

// unfold joins folded lines (RFC 5545 3.1) and returns the logical lines.
function unfold(text) {
  return text.replace(/\r\n[ \t]/g, '').split('\r\n').filter((l) => l !== '');
}

// splitLine returns the name-and-parameters part and the value of a content
// line: the value starts after the first colon outside a quoted string.
function splitLine(line) {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return [line.slice(0, i), line.slice(i + 1)];
  }
  return [line, null];
}

function contentProblems(text) {
  const problems = [];
  for (const line of unfold(text)) {
    const [head, value] = splitLine(line);
    if (value === null) {
      problems.push(`content line without a value: ${JSON.stringify(line)}`);
      continue;
    }
    if (/;TZID=/i.test(head) && /Z$/i.test(value.trim())) {
      problems.push(`TZID together with a UTC "Z" time: ${JSON.stringify(line)}`);
    }
  }
  return problems;
}

function tzidsUsed(component, out) {
  for (const prop of component.getAllProperties()) {
    const tzid = prop.getParameter('tzid');
    if (tzid) out.add(tzid);
  }
  for (const sub of component.getAllSubcomponents()) {
    if (sub.name !== 'vtimezone') tzidsUsed(sub, out);
  }
  return out;
}

function timeOf(prop, zones) {
  const t = prop.getFirstValue();
  if (!t || typeof t.toUnixTime !== 'function') return null;
  const tzid = prop.getParameter('tzid');
  if (tzid) {
    if (!zones.has(tzid)) return null;
    const local = t.clone();
    local.zone = zones.get(tzid);
    return local.toUnixTime();
  }
  return t.toUnixTime();
}

function check(file) {
  const problems = [];
  const events = [];
  const buf = fs.readFileSync(file);
  problems.push(...lineProblems(buf));
  const text = buf.toString('utf8');
  problems.push(...contentProblems(text));

  let root;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (e) {
    problems.push(`ical.js cannot parse it: ${e.message}`);
    return { problems, events };
  }
  if (root.name !== 'vcalendar') {
    problems.push(`top component is ${root.name}, want vcalendar`);
    return { problems, events };
  }
  if (root.getFirstPropertyValue('version') !== '2.0') problems.push('VERSION is not 2.0');
  if (!root.getFirstPropertyValue('prodid')) problems.push('no PRODID');
  if (root.getAllSubcomponents().length === 0) problems.push('calendar has no component');

  const zones = new Map();
  for (const vtz of root.getAllSubcomponents('vtimezone')) {
    const id = vtz.getFirstPropertyValue('tzid');
    const rules = vtz.getAllSubcomponents().filter((c) => c.name === 'standard' || c.name === 'daylight');
    if (rules.length === 0) problems.push(`VTIMEZONE ${id} has no STANDARD or DAYLIGHT`);
    for (const r of rules) {
      for (const p of ['dtstart', 'tzoffsetfrom', 'tzoffsetto']) {
        if (!r.hasProperty(p)) problems.push(`VTIMEZONE ${id} ${r.name.toUpperCase()} has no ${p.toUpperCase()}`);
      }
    }
    zones.set(id, new ICAL.Timezone(vtz));
  }
  for (const tzid of tzidsUsed(root, new Set())) {
    if (!zones.has(tzid)) problems.push(`TZID ${tzid} is used but has no VTIMEZONE`);
  }

  const uids = new Set();
  for (const ev of root.getAllSubcomponents('vevent')) {
    const uid = ev.getFirstPropertyValue('uid');
    const label = `VEVENT ${uid || '(no UID)'}`;
    if (!uid) problems.push('VEVENT without UID');
    else if (uids.has(uid)) problems.push(`${label}: UID repeated in the file`);
    else uids.add(uid);
    if (!ev.hasProperty('dtstamp')) problems.push(`${label}: no DTSTAMP`);
    const dtstart = ev.getFirstProperty('dtstart');
    const dtend = ev.getFirstProperty('dtend');
    const duration = ev.getFirstProperty('duration');
    if (!dtstart) problems.push(`${label}: no DTSTART`);
    if (!dtend && !duration) problems.push(`${label}: neither DTEND nor DURATION`);
    if (dtend && duration) problems.push(`${label}: both DTEND and DURATION`);
    let start = null;
    let end = null;
    if (dtstart) start = timeOf(dtstart, zones);
    if (dtend) end = timeOf(dtend, zones);
    else if (duration && start !== null) end = start + duration.getFirstValue().toSeconds();
    if (start !== null && end !== null && !(start < end)) {
      problems.push(`${label}: DTSTART is not before DTEND`);
    }
    for (const p of ev.getAllProperties()) {
      if (p.name === 'organizer' || p.name === 'attendee') {
        const v = String(p.getFirstValue());
        if (!/^mailto:[^\s@]+@[^\s@]+$/i.test(v)) problems.push(`${label}: ${p.name.toUpperCase()} is not a mailto: address: ${v}`);
      }
    }
    for (const alarm of ev.getAllSubcomponents('valarm')) {
      const action = alarm.getFirstPropertyValue('action');
      if (!action) problems.push(`${label}: VALARM without ACTION`);
      if (!alarm.hasProperty('trigger')) problems.push(`${label}: VALARM without TRIGGER`);
      if (action === 'DISPLAY' && !alarm.getFirstPropertyValue('description')) {
        problems.push(`${label}: DISPLAY VALARM without DESCRIPTION`);
      }
    }
    events.push({
      file: path.basename(file),
      uid: uid || '',
      summary: ev.getFirstPropertyValue('summary') || '',
      start,
      end,
    });
  }
  return { problems, events };
}

function main(argv) {
  let json = false;
  const files = [];
  for (const a of argv) {
    if (a === '--json') json = true;
    else files.push(a);
  }
  if (files.length === 0) {
    process.stderr.write('usage: node check.js [--json] FILE.ics...\n');
    return 2;
  }
  let bad = 0;
  const all = [];
  for (const f of files) {
    let res;
    try {
      res = check(f);
    } catch (e) {
      res = { problems: [`cannot check: ${e.message}`], events: [] };
    }
    for (const p of res.problems) process.stderr.write(`${f}: ${p}\n`);
    bad += res.problems.length;
    all.push(...res.events);
  }
  if (json) process.stdout.write(JSON.stringify(all) + '\n');
  return bad > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
