"""Runs scim2-tester's whole compliance check against a SCIM server and prints every result
as JSON lines: {"status", "title", "reason", "urn"}. Arguments: the base URL (…/scim/v2) and
a provisioning token."""

import json
import sys

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import check_server

base_url, token = sys.argv[1], sys.argv[2]
http = Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
for result in check_server(SyncSCIMClient(http)):
    data = result.data if isinstance(result.data, dict) else {}
    print(json.dumps({
        "status": result.status.name,
        "title": result.title,
        "reason": result.reason,
        "urn": str(data.get("urn")) if data.get("urn") is not None else None,
    }))
