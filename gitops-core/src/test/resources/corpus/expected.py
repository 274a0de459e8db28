import json, sys, re, yaml

class Core(yaml.SafeLoader):
    """PyYAML with YAML 1.2 core-schema booleans (true/false only) and timestamps as text, as Go reads manifests."""

Core.yaml_implicit_resolvers = {k: [(t, r) for (t, r) in v if t not in ('tag:yaml.org,2002:bool', 'tag:yaml.org,2002:timestamp')]
                                for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Core.add_implicit_resolver('tag:yaml.org,2002:bool', re.compile(r'^(?:true|True|TRUE|false|False|FALSE)$'), list('tTfF'))

out = []
for path in sys.argv[1:]:
    with open(path, 'rb') as f:
        for doc in yaml.load_all(f.read().decode('utf-8'), Loader=Core):
            if doc is None:
                continue
            if isinstance(doc, dict) and str(doc.get('kind', '')).endswith('List') and isinstance(doc.get('items'), list):
                out.extend(doc['items'])
            else:
                out.append(doc)
json.dump(out, sys.stdout, sort_keys=True, indent=1)
