/* The memory floor for issue 9's goal (b): the sum of one float32 column over every 4 KiB row of a mapped NPY, in
 * plain C, on N threads, with optional software prefetch. Each row costs one cache line from DRAM; this shows how fast
 * this machine can do that at all, whatever the tool.
 *   gcc -O2 -pthread -o /tmp/column_sum bench/floor/column_sum.c
 *   /tmp/column_sum FILE.npy ROWS THREADS [PREFETCH_ROWS]      e.g. mm.npy 1048577 2 0
 * FILE is a C-order float32 (ROWS, 1024) NPY with a 128-byte header, as bench/numpy_bench.py mmgen writes it. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>

enum { Width = 1024, Column = 7, Header = 128 };

static const float *base;
static long prefetch;

struct part { long start, stop; double sum; };

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec * 1e-9; }

static void *sum_rows(void *arg)
{
    struct part *p = arg;
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    long r = p->start;
    for (; r + 4 <= p->stop; r += 4) {
        if (prefetch) {
            for (int k = 0; k < 4; k++) __builtin_prefetch(base + (r + prefetch + k) * Width);
        }
        s0 += base[r * Width]; s1 += base[(r + 1) * Width]; s2 += base[(r + 2) * Width]; s3 += base[(r + 3) * Width];
    }
    for (; r < p->stop; r++) s0 += base[r * Width];
    p->sum = s0 + s1 + s2 + s3;
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 4) { fprintf(stderr, "usage: %s FILE.npy ROWS THREADS [PREFETCH_ROWS]\n", argv[0]); return 2; }
    long rows = atol(argv[2]);
    int threads = atoi(argv[3]);
    prefetch = argc > 4 ? atol(argv[4]) : 0;
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || st.st_size < Header + rows * Width * 4L || threads < 1 || threads > 64) { perror(argv[1]); return 1; }
    char *map = mmap(NULL, st.st_size, PROT_READ, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) { perror("mmap"); return 1; }
    base = (const float *)(map + Header) + Column;
    for (int run = 0; run < 8; run++) { /* the first runs fault the pages in */
        pthread_t t[64]; struct part parts[64];
        double start = now(), sum = 0;
        for (int i = 0; i < threads; i++) {
            parts[i] = (struct part){ rows * i / threads, rows * (i + 1) / threads, 0 };
            pthread_create(&t[i], NULL, sum_rows, &parts[i]);
        }
        for (int i = 0; i < threads; i++) { pthread_join(t[i], NULL); sum += parts[i].sum; }
        printf("run %d: %.1f ms, sum %.6f\n", run, (now() - start) * 1e3, sum);
    }
    /* Mapped with 2 MiB pages or not (TLB misses matter only without): this mapping's FilePmdMapped. */
    const char *name = strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1];
    char line[512]; FILE *smaps = fopen("/proc/self/smaps", "r"); int ours = 0;
    while (smaps && fgets(line, sizeof line, smaps)) {
        if (strchr(line, '-') == line + strspn(line, "0123456789abcdef")) ours = strstr(line, name) != NULL;
        else if (ours && strncmp(line, "FilePmdMapped:", 14) == 0) printf("%s", line);
    }
    return 0;
}
