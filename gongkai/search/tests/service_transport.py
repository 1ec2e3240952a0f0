"""An http.client connection that hands each request to the search service's WSGI application in this process, so
the "service" backend runs every backend test through its real wire format without a network. (The real network
path, gunicorn and all, is exercised by gongkai/core/tests/test_several_servers.py.)"""

from io import BytesIO

from gongkai.search import service

calls: list[str] = []


class Response:
    def __init__(self, status: str, headers: list[tuple[str, str]], body: bytes):
        code, _space, self.reason = status.partition(" ")
        self.status = int(code)
        self.headers = dict(headers)
        self.body = body

    def read(self) -> bytes:
        return self.body

    def getheader(self, name: str, default=None):
        return self.headers.get(name, default)


class InProcessConnection:
    def __init__(self, host, port=None, timeout=None):
        self.host, self.port, self.timeout = host, port, timeout
        self.sock = None
        self.response: Response | None = None

    def request(self, method, url, body=None, headers=None, *, encode_chunked=False):
        if body is None:
            data = b""
        elif isinstance(body, bytes):
            data = body
        else:  # a chunked body: the generator is consumed as the socket would consume it
            data = b"".join(body)
        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": url,
            "CONTENT_LENGTH": "" if encode_chunked else str(len(data)),
            "wsgi.input": BytesIO(data),
        }
        for name, value in (headers or {}).items():
            environ["HTTP_" + name.upper().replace("-", "_")] = value
        calls.append(url)
        captured = {}

        def start_response(status, response_headers):
            captured["status"], captured["headers"] = status, response_headers

        answer = b"".join(service.application(environ, start_response))
        self.response = Response(captured["status"], captured["headers"], answer)

    def getresponse(self) -> Response:
        response, self.response = self.response, None
        assert response is not None, "getresponse() before request()"
        return response

    def close(self):
        self.sock = None
