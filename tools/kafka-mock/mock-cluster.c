/*
 * Starts librdkafka's in-process mock Kafka cluster for Riffle's Kafka tests and benches:
 * no Apache Kafka broker can be installed on the build machines, but this mock speaks the
 * real Kafka protocol on ephemeral loopback ports.
 *
 * Usage: mock-cluster [--brokers N] [--replication R] [TOPIC:PARTITIONS ...]
 *
 * Prints the bootstrap address ("127.0.0.1:p1,127.0.0.1:p2,...") as one line on stdout,
 * then serves until stdin closes or SIGTERM/SIGINT arrives. While running it reads control
 * lines on stdin so tests can inject faults; each is answered with "ok" or "error: ...":
 *   down ID        broker ID (-1: all) drops connections and refuses new ones
 *   up ID          broker ID (-1: all) accepts connections again
 *   topic T:P      creates topic T with P partitions
 *   fail API ERR   the next request of protocol ApiKey API (any broker, any client) is answered
 *                  with Kafka error code ERR
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stopping = 0;

static void on_signal(int sig) {
  (void)sig;
  stopping = 1;
}

/* Parses a positive decimal int; returns -1 when text is not one. */
static int parse_count(const char *text) {
  char *end = NULL;
  errno = 0;
  long value = strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < 1 || value > 100000) return -1;
  return (int)value;
}

/* Creates "name:partitions"; writes a reason into err on failure. */
static int create_topic(rd_kafka_mock_cluster_t *mcluster, const char *spec, int replication,
                        char *err, size_t err_size) {
  const char *colon = strrchr(spec, ':');
  if (colon == NULL || colon == spec) {
    snprintf(err, err_size, "topic '%s' must be NAME:PARTITIONS", spec);
    return -1;
  }
  int partitions = parse_count(colon + 1);
  if (partitions < 0) {
    snprintf(err, err_size, "topic '%s': partitions must be a positive integer", spec);
    return -1;
  }
  char name[512];
  size_t len = (size_t)(colon - spec);
  if (len >= sizeof name) {
    snprintf(err, err_size, "topic name too long in '%s'", spec);
    return -1;
  }
  memcpy(name, spec, len);
  name[len] = '\0';
  rd_kafka_resp_err_t rc = rd_kafka_mock_topic_create(mcluster, name, partitions, replication);
  if (rc != RD_KAFKA_RESP_ERR_NO_ERROR) {
    snprintf(err, err_size, "topic '%s': %s", name, rd_kafka_err2str(rc));
    return -1;
  }
  return 0;
}

/* Runs one control line from stdin and answers on stdout. */
static void run_command(rd_kafka_mock_cluster_t *mcluster, char *line, int replication) {
  char err[600] = "";
  char arg[520] = "";
  int api_key = 0;
  int error_code = 0;
  rd_kafka_resp_err_t rc = RD_KAFKA_RESP_ERR_NO_ERROR;
  line[strcspn(line, "\r\n")] = '\0';
  if (sscanf(line, "fail %d %d", &api_key, &error_code) == 2) {
    rd_kafka_resp_err_t errors[1] = {(rd_kafka_resp_err_t)error_code};
    rd_kafka_mock_push_request_errors_array(mcluster, (int16_t)api_key, 1, errors);
  } else if (sscanf(line, "down %519s", arg) == 1) {
    rc = rd_kafka_mock_broker_set_down(mcluster, (int32_t)atoi(arg));
  } else if (sscanf(line, "up %519s", arg) == 1) {
    rc = rd_kafka_mock_broker_set_up(mcluster, (int32_t)atoi(arg));
  } else if (sscanf(line, "topic %519s", arg) == 1) {
    if (create_topic(mcluster, arg, replication, err, sizeof err) != 0) {
      printf("error: %s\n", err);
      fflush(stdout);
      return;
    }
  } else {
    printf("error: unknown command '%s' (expected: down ID | up ID | topic NAME:PARTITIONS | fail API ERR)\n",
           line);
    fflush(stdout);
    return;
  }
  if (rc != RD_KAFKA_RESP_ERR_NO_ERROR)
    printf("error: %s\n", rd_kafka_err2str(rc));
  else
    printf("ok\n");
  fflush(stdout);
}

/* Serves control lines until stdin reaches end of file or a signal asks us to stop. */
static void serve(rd_kafka_mock_cluster_t *mcluster, int replication) {
  char line[1024];
  size_t used = 0;
  while (!stopping) {
    struct pollfd pfd = {.fd = STDIN_FILENO, .events = POLLIN};
    int ready = poll(&pfd, 1, 200);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) continue;
    ssize_t n = read(STDIN_FILENO, line + used, sizeof line - 1 - used);
    if (n <= 0) return;
    used += (size_t)n;
    line[used] = '\0';
    char *newline;
    while ((newline = strchr(line, '\n')) != NULL) {
      *newline = '\0';
      run_command(mcluster, line, replication);
      size_t rest = used - (size_t)(newline + 1 - line);
      memmove(line, newline + 1, rest + 1);
      used = rest;
    }
    if (used == sizeof line - 1) used = 0; /* an over-long line is dropped, not fatal */
  }
}

int main(int argc, char **argv) {
  int brokers = 1;
  int replication = 0;
  int first_topic = 1;
  for (; first_topic < argc; first_topic++) {
    const char *flag = argv[first_topic];
    int *target = strcmp(flag, "--brokers") == 0       ? &brokers
                  : strcmp(flag, "--replication") == 0 ? &replication
                                                       : NULL;
    if (target == NULL) break;
    if (first_topic + 1 >= argc || (*target = parse_count(argv[first_topic + 1])) < 0) {
      fprintf(stderr, "mock-cluster: %s needs a positive integer\n", flag);
      return 2;
    }
    first_topic++;
  }
  if (replication == 0) replication = brokers < 3 ? brokers : 3;
  if (replication > brokers) {
    fprintf(stderr, "mock-cluster: --replication %d exceeds --brokers %d\n", replication, brokers);
    return 2;
  }

  char errstr[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  /* The handle only hosts the mock; keep its own client logging quiet. */
  rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof errstr);
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (rk == NULL) {
    fprintf(stderr, "mock-cluster: cannot create librdkafka handle: %s\n", errstr);
    return 1;
  }
  rd_kafka_mock_cluster_t *mcluster = rd_kafka_mock_cluster_new(rk, brokers);
  if (mcluster == NULL) {
    fprintf(stderr, "mock-cluster: cannot start a %d-broker mock cluster\n", brokers);
    rd_kafka_destroy(rk);
    return 1;
  }
  for (int i = first_topic; i < argc; i++) {
    char err[600];
    if (create_topic(mcluster, argv[i], replication, err, sizeof err) != 0) {
      fprintf(stderr, "mock-cluster: %s\n", err);
      rd_kafka_mock_cluster_destroy(mcluster);
      rd_kafka_destroy(rk);
      return 2;
    }
  }

  struct sigaction action = {0};
  action.sa_handler = on_signal;
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGINT, &action, NULL);
  signal(SIGPIPE, SIG_IGN);

  printf("%s\n", rd_kafka_mock_cluster_bootstraps(mcluster));
  fflush(stdout);
  serve(mcluster, replication);

  rd_kafka_mock_cluster_destroy(mcluster);
  rd_kafka_destroy(rk);
  return 0;
}
