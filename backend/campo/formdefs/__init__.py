"""Form definitions: load the declarative COE (forms/), validate answers, evaluate its rules.

Plain Python, no Flask: the same definitions drive the tablet (PWA) and the server, and the
conformance vectors in forms/coe/vectors/ hold both to the same answers.
"""
