package org.opencrm.security;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code crm.security.max-request-bytes} with 413 {@code payload-too-large}: up front by
 * {@code Content-Length}, and for a body without one (chunked) by reading at most one byte more than the limit before
 * the request goes on.
 *
 * <p>A chunked body is read here rather than counted while the handler reads it because by then the overflow would
 * surface inside Jackson, which wraps it into a parse error (400) and commits that answer before this filter could
 * say 413. Holding at most the limit in memory costs no more than the parser would. A body with a
 * {@code Content-Length} passes untouched: the container never reads past the declared length. Form parameters of a
 * chunked body are not parsed after this (the container's {@code maxPostSize} bounds those anyway); the services take
 * JSON.
 */
final class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final List<RequestMatcher> streamedBodyPaths;

    /** @param streamedBodyPaths requests this filter lets through untouched: their handlers bound their bodies */
    RequestBodyLimitFilter(long maxBytes, List<RequestMatcher> streamedBodyPaths) {
        this.maxBytes = maxBytes;
        this.streamedBodyPaths = List.copyOf(streamedBodyPaths);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return streamedBodyPaths.stream().anyMatch(matcher -> matcher.matches(request));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            refuse(request, response);
            return;
        }
        if (declared >= 0) {
            chain.doFilter(request, response);
            return;
        }
        // Chunked (or HTTP/2 without a length); a request without a body reads as empty at once.
        byte[] body = request.getInputStream().readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE));
        if (body.length > maxBytes) {
            refuse(request, response);
            return;
        }
        // Wrapped even when empty: the original stream is spent, and getReader() on it would now throw.
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(ProblemResponses.json(request, HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large", "Payload too large",
                "The request body exceeds the limit of " + maxBytes + " bytes"));
    }

    /** The request with its body already read into memory. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {

        // One stream for every call, as the container's: a second read continues where the first stopped.
        private final InMemoryInputStream body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = new InMemoryInputStream(new ByteArrayInputStream(body));
        }

        @Override
        public ServletInputStream getInputStream() {
            return body;
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(body, charset));
        }
    }

    private static final class InMemoryInputStream extends ServletInputStream {

        private final ByteArrayInputStream body;

        InMemoryInputStream(ByteArrayInputStream body) {
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            return body.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return body.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return body.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("The body is already in memory; read it synchronously");
        }
    }
}
