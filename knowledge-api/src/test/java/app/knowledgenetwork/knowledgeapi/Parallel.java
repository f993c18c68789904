package app.knowledgenetwork.knowledgeapi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Real parallel requests, as an attacker sends them: n at once on threads of their own, answers in order. */
public final class Parallel {
    private Parallel() {
    }

    public interface Request<T> {
        T send(int i) throws Exception;
    }

    public static <T> List<T> run(int n, Request<T> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 30));
        try {
            List<Callable<T>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                tasks.add(() -> request.send(index));
            }
            List<T> answers = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
