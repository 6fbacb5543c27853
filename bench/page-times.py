#!/usr/bin/env python3
"""Times console pages against a running server, as a signed-in browser asks them (not a test).

Usage: bench/page-times.py ROLES PAGE...   e.g.  bench/page-times.py admin,manager,counselor / /dashboard/body /leads

Each role signs in through the API's login as <role>@<organization slug>.test (the benchmark organizations' users);
each page gets 3 warm-up and 40 timed sequential requests with the session cookie, beside /api/v1/auth/me timed the
same way. Settings: CRM_URL (default http://localhost:8080), CRM_ORGANIZATION (slug), CRM_PASSWORD.
"""
import http.client, json, os, sys, time, urllib.parse

URL = urllib.parse.urlparse(os.environ.get("CRM_URL", "http://localhost:8080"))
ORGANIZATION = os.environ["CRM_ORGANIZATION"]
PASSWORD = os.environ.get("CRM_PASSWORD", "Bench-Password-42")
ROUNDS = 40


def connection():
    return http.client.HTTPConnection(URL.hostname, URL.port or 80)


def login(role):
    c = connection()
    c.request("POST", "/api/v1/auth/login", json.dumps({"email": f"{role}@{ORGANIZATION}.test", "password": PASSWORD,
              "organization_slug": ORGANIZATION}), {"Content-Type": "application/json"})
    return json.loads(c.getresponse().read())["data"]["access_token"]


def timed(path, headers):
    c = connection()
    for _ in range(3):
        c.request("GET", path, headers=headers)
        answer = c.getresponse()
        answer.read()
        if answer.status != 200:
            return None, answer.status
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        c.request("GET", path, headers=headers)
        c.getresponse().read()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return (times[len(times) // 2], times[int(len(times) * 0.95) - 1], times[-1]), 200


for role in sys.argv[1].split(","):
    token = login(role)
    floor, _ = timed("/api/v1/auth/me", {"Authorization": "Bearer " + token})
    for page in sys.argv[2:]:
        result, status = timed(page, {"Cookie": "crm_session=" + token})
        if result is None:
            print(f"{role:9} {page:30} answers {status}")
            continue
        print(f"{role:9} {page:30} p50 {result[0]:6.1f} ms  p95 {result[1]:6.1f}  max {result[2]:6.1f}"
              f"   | /auth/me p50 {floor[0]:5.1f} p95 {floor[1]:5.1f}")
