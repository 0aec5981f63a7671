#include "store/ingest.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <unordered_map>

#include "readers/errors.h"
#include "readers/sniff.h"
#include "store/file_hash.h"
#include "store/file_walk.h"
#include "store/ingest_worker.h"
#include "store/message_channel.h"

extern char** environ;

namespace declx::store {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

volatile sig_atomic_t g_interrupted = 0;

void on_interrupt(int signal_number) {
  g_interrupted = signal_number;
}

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

std::string format_seconds(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, seconds == static_cast<long>(seconds) ? "%.0f" : "%.1f",
                seconds);
  return text;
}

// An fd numbered above the standard ones, close-on-exec: the child's fds 0, 1 and 3 are set
// up by dup2 in posix_spawn, which must never meet an fd already at its target number.
int high_fd(int fd) {
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, 10);
  close(fd);
  if (moved < 0) throw std::runtime_error(std::string("fcntl: ") + std::strerror(errno));
  return moved;
}

std::string describe_death(int status) {
  if (WIFSIGNALED(status)) {
    int signal_number = WTERMSIG(status);
    const char* abbreviation = sigabbrev_np(signal_number);
    return "signal " + std::to_string(signal_number) +
           (abbreviation ? std::string(" (SIG") + abbreviation + ")" : std::string());
  }
  if (WIFEXITED(status)) return "worker exited with status " + std::to_string(WEXITSTATUS(status));
  return "worker vanished";
}

enum class TaskKind { Analyse, Ocr, Extract };

struct Task {
  int doc = 0;
  TaskKind kind = TaskKind::Analyse;
  int page = 0;
};

struct WorkerProcess {
  pid_t pid = -1;
  int to_fd = -1, from_fd = -1;
  MessageReader reader;
  std::optional<Task> task;
  Clock::time_point task_started;
  int page = 0;  // the page the worker last said it is reading
};

struct InFlightDocument {
  int id = 0;
  std::string sha256, path, media_type;
  std::vector<std::string> paths;
  std::int64_t size = 0;
  int page_count = 0, ocr_pages = 0, outstanding = 0;
  std::vector<json> pages;  // by page number - 1; null until read
  double work_seconds = 0;  // worker time of finished tasks
  Clock::time_point started;
  std::string started_at;
  int last_page = 0;
};

class Supervisor {
 public:
  explicit Supervisor(const IngestOptions& options)
      : options_(options),
        jobs_(options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency())),
        writer_(options.db_path, options.writer),
        progress_(options.progress_line, options.messages, options.log_json_path) {}

  IngestCounters run() {
    std::vector<std::string> exclude = {options_.db_path, options_.db_path + "-wal",
                                        options_.db_path + "-shm", options_.db_path + "-journal"};
    if (!options_.log_json_path.empty()) exclude.push_back(options_.log_json_path);
    WalkResult walk = collect_input_files(options_.inputs, exclude, options_.exclude_names);
    files_ = std::move(walk.files);
    counters_.files_total = static_cast<int>(files_.size() + walk.errors.size());
    progress_.start(counters_, jobs_);
    for (const auto& [path, reason] : walk.errors) file_error(path, ErrorKind::Unreadable, reason);

    signal(SIGPIPE, SIG_IGN);
    // Ctrl-C / SIGTERM: stop cleanly, keeping everything finished so far. Workers sit in
    // their own process group, so the terminal's SIGINT reaches only this process and
    // never makes a document look "crashed".
    g_interrupted = 0;
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    workers_.resize(static_cast<std::size_t>(jobs_));
    for (WorkerProcess& worker : workers_) spawn(worker);

    loop();
    // Defensive: nothing may leave the loop unrecorded.
    while (!g_interrupted && !documents_.empty())
      fail(documents_.begin()->second, ErrorKind::Internal, "no worker answered for it");

    // Interrupted: the documents in flight are simply not recorded (a re-run reads them).
    if (g_interrupted) documents_.clear();
    for (WorkerProcess& worker : workers_) stop(worker, /*kill_it=*/g_interrupted != 0);
    writer_.commit();
    counters_.interrupted = g_interrupted != 0;
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    counters_.in_flight = 0;
    struct rusage usage {};
    if (getrusage(RUSAGE_SELF, &usage) == 0) counters_.supervisor_peak_kib = usage.ru_maxrss;
    if (getrusage(RUSAGE_CHILDREN, &usage) == 0) counters_.worker_peak_kib = usage.ru_maxrss;
    progress_.finish(counters_);
    return counters_;
  }

 private:
  // ---- worker processes -------------------------------------------------------------
  std::vector<std::string> worker_arguments() const {
    const ReadOptions& read = options_.read;
    std::vector<std::string> arguments = {"declx",        "worker",
                                          "--lang",       read.lang,
                                          "--dpi",        std::to_string(read.dpi),
                                          "--max-pages",  std::to_string(read.max_pages),
                                          "--max-pixels", std::to_string(read.max_pixels),
                                          "--patterns",   options_.patterns_dir};
    if (!read.tessdata_dir.empty()) {
      arguments.push_back("--tessdata");
      arguments.push_back(read.tessdata_dir);
    }
    if (read.force_ocr) arguments.push_back("--force-ocr");
    if (!read.reread_boxes) arguments.push_back("--no-reread");
    return arguments;
  }

  void spawn(WorkerProcess& worker) {
    int to_worker[2], from_worker[2];
    if (pipe2(to_worker, O_CLOEXEC) != 0 || pipe2(from_worker, O_CLOEXEC) != 0)
      throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    for (int* fd : {&to_worker[0], &to_worker[1], &from_worker[0], &from_worker[1]})
      *fd = high_fd(*fd);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, to_worker[0], 0);    // tasks in
    posix_spawn_file_actions_adddup2(&actions, from_worker[1], 3);  // results out
    posix_spawn_file_actions_adddup2(&actions, 2, 1);  // stray library output → stderr
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setpgroup(&attributes, 0);  // own process group: no terminal SIGINT
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    std::vector<std::string> arguments = worker_arguments();
    std::vector<char*> argv;
    for (std::string& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, options_.worker_executable.c_str(), &actions, &attributes,
                         argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    close(to_worker[0]);
    close(from_worker[1]);
    if (rc != 0) {
      close(to_worker[1]);
      close(from_worker[0]);
      throw std::runtime_error("cannot start worker " + options_.worker_executable + ": " +
                               std::strerror(rc));
    }
    fcntl(from_worker[0], F_SETFL, fcntl(from_worker[0], F_GETFL) | O_NONBLOCK);
    worker = WorkerProcess{};
    worker.pid = pid;
    worker.to_fd = to_worker[1];
    worker.from_fd = from_worker[0];
  }

  // Closes the worker's pipes and reaps it; returns its wait status.
  int stop(WorkerProcess& worker, bool kill_it) {
    if (worker.pid < 0) return 0;
    if (kill_it) kill(worker.pid, SIGKILL);
    if (worker.to_fd >= 0) close(worker.to_fd);
    if (worker.from_fd >= 0) close(worker.from_fd);
    int status = 0;
    while (waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {
    }
    worker.pid = -1;
    worker.to_fd = worker.from_fd = -1;
    return status;
  }

  void replace(WorkerProcess& worker, bool kill_it) {
    stop(worker, kill_it);
    if (++replacements_ > 50 + 10 * static_cast<int>(counters_.done + counters_.failed))
      throw std::runtime_error("worker processes keep dying; giving up");
    spawn(worker);
  }

  // ---- the event loop ----------------------------------------------------------------
  void loop() {
    for (;;) {
      if (g_interrupted) return;
      for (WorkerProcess& worker : workers_)
        if (!worker.task) dispatch(worker);
      bool busy = std::any_of(workers_.begin(), workers_.end(),
                              [](const WorkerProcess& w) { return w.task.has_value(); });
      if (!busy && queue_.empty() && next_file_ >= files_.size()) break;

      std::vector<pollfd> fds;
      for (const WorkerProcess& worker : workers_) fds.push_back(pollfd{worker.from_fd, POLLIN, 0});
      int ready = poll(fds.data(), fds.size(), 100);
      if (ready < 0 && errno != EINTR) throw std::runtime_error("poll failed");
      for (std::size_t i = 0; i < workers_.size(); ++i)
        if (ready > 0 && fds[i].revents != 0) service(workers_[i]);
      enforce_deadlines();
      writer_.commit_if_due();
      counters_.in_flight = static_cast<int>(documents_.size());
      progress_.tick(counters_);
    }
  }

  void dispatch(WorkerProcess& worker) {
    std::optional<Task> task = next_task();
    if (!task) return;
    InFlightDocument& document = documents_.at(task->doc);
    json message = {{"doc", document.id}, {"sha256", document.sha256}};
    put_path(message, document.path);
    switch (task->kind) {
      case TaskKind::Analyse:
        message["type"] = "analyse";
        break;
      case TaskKind::Ocr:
        message["type"] = "ocr";
        message["page"] = task->page;
        break;
      case TaskKind::Extract: {
        message["type"] = "extract";
        json pages = json::array();
        for (json& page : document.pages) pages.push_back(std::move(page));
        document.pages.clear();
        message["document"] = {{"path", document.path},
                               {"media_type", document.media_type},
                               {"pages", std::move(pages)}};
        break;
      }
    }
    worker.task = task;
    worker.task_started = Clock::now();
    worker.page = task->page;
    if (!write_message(worker.to_fd, message)) worker_died(worker);
  }

  std::optional<Task> next_task() {
    if (!queue_.empty()) {
      Task task = queue_.front();
      queue_.pop_front();
      return task;
    }
    while (documents_.size() < static_cast<std::size_t>(2 * jobs_) && next_file_ < files_.size()) {
      if (std::optional<int> id = admit(files_[next_file_++]))
        return Task{*id, TaskKind::Analyse, 0};
    }
    return std::nullopt;
  }

  // Hashes a file and decides its fate: a new document to read (its id), or handled
  // already (duplicate, in the database, unreadable, unsupported).
  std::optional<int> admit(const std::string& path) {
    FileDigest digest;
    try {
      digest = hash_file(path);
    } catch (const ReadError& error) {
      file_error(path, error.kind(), error.what());
      return std::nullopt;
    }
    if (auto same = in_flight_by_sha_.find(digest.sha256); same != in_flight_by_sha_.end()) {
      documents_.at(same->second).paths.push_back(path);
      ++counters_.duplicates;
      ++counters_.files_handled;
      log_skip(path, digest.sha256, "duplicate");
      return std::nullopt;
    }
    bool this_run = finished_this_run_.count(digest.sha256) > 0;
    if (std::optional<std::string> status = writer_.status_of(digest.sha256);
        status && (this_run || *status == "done" || !options_.retry_failed)) {
      writer_.add_path(digest.sha256, path);
      if (this_run) {
        ++counters_.duplicates;
      } else {
        ++counters_.skipped;
        if (*status == "failed") ++counters_.previously_failed;
      }
      ++counters_.files_handled;
      log_skip(path, digest.sha256, this_run ? "duplicate" : "skipped");
      return std::nullopt;
    }

    InFlightDocument document;
    document.id = next_id_++;
    document.sha256 = digest.sha256;
    document.path = path;
    document.paths = {path};
    document.size = digest.size;
    document.started = Clock::now();
    document.started_at = utc_timestamp();
    try {
      document.media_type = media_type_name(sniff_file(path));
    } catch (const ReadError& error) {
      fail(document, error.kind(), error.what());
      return std::nullopt;
    }
    in_flight_by_sha_[document.sha256] = document.id;
    int id = document.id;
    documents_.emplace(id, std::move(document));
    return id;
  }

  void service(WorkerProcess& worker) {
    MessageReader::Status status = worker.reader.read_available(worker.from_fd);
    for (;;) {
      std::optional<json> message;
      try {
        message = worker.reader.next();
      } catch (const std::exception&) {
        status = MessageReader::Status::Closed;  // a garbled stream: treat it as a dead worker
        break;
      }
      if (!message) break;
      try {
        handle(worker, *message);
      } catch (const json::exception& error) {
        fail_task(worker, std::string("malformed worker message: ") + error.what());
      }
    }
    if (status == MessageReader::Status::Closed) worker_died(worker);
  }

  void fail_task(WorkerProcess& worker, const std::string& reason) {
    if (!worker.task) return;
    auto found = documents_.find(worker.task->doc);
    worker.task.reset();
    if (found != documents_.end()) fail(found->second, ErrorKind::Internal, reason);
  }

  void handle(WorkerProcess& worker, const json& message) {
    const std::string type = message.value("type", "");
    if (!worker.task) return;
    int doc = worker.task->doc;
    auto found = documents_.find(doc);
    if (type == "at") {
      worker.page = message.value("page", 0);
      if (found != documents_.end()) found->second.last_page = worker.page;
      return;
    }
    Task task = *worker.task;
    double spent = seconds_between(worker.task_started, Clock::now());
    worker.task.reset();
    if (found == documents_.end()) return;  // the document already failed elsewhere
    InFlightDocument& document = found->second;
    document.work_seconds += spent;
    static const char* const kTaskNames[] = {"analyse", "ocr", "extract"};
    json task_event = {
        {"event", "task"},           {"task", kTaskNames[static_cast<int>(task.kind)]},
        {"sha256", document.sha256}, {"worker", worker.pid},
        {"seconds", spent},          {"answer", type}};
    if (task.kind == TaskKind::Ocr) task_event["page"] = task.page;
    progress_.log(std::move(task_event));

    try {
      handle_answer(document, task, type, message);
    } catch (const json::exception& error) {
      if (documents_.count(doc))
        fail(document, ErrorKind::Internal,
             std::string("malformed worker answer: ") + error.what());
    }
  }

  void handle_answer(InFlightDocument& document, const Task& task, const std::string& type,
                     const json& message) {
    if (type == "error") {
      ErrorKind kind = ErrorKind::Internal;
      std::string key = message.value("kind", "internal");
      for (ErrorKind candidate :
           {ErrorKind::Unreadable, ErrorKind::Unsupported, ErrorKind::Corrupt, ErrorKind::Encrypted,
            ErrorKind::TooLarge, ErrorKind::TimedOut, ErrorKind::Crashed, ErrorKind::Usage})
        if (error_kind_key(static_cast<int>(candidate)) == key) kind = candidate;
      std::string reason = message.value("message", "");
      if (task.kind == TaskKind::Ocr) reason += " (page " + std::to_string(task.page) + ")";
      fail(document, kind, reason);
    } else if (type == "record") {
      if (message.contains("pages")) document.page_count = message.value("pages", 0);
      if (message.contains("media_type")) document.media_type = message.value("media_type", "");
      succeed(document, message.at("record"));
    } else if (type == "analysed") {
      document.page_count = message.value("page_count", 0);
      document.media_type = message.value("media_type", document.media_type);
      document.pages.assign(static_cast<std::size_t>(document.page_count), json());
      for (const json& page : message.at("pages")) {
        int number = page.value("number", 0);
        if (number >= 1 && number <= document.page_count)
          document.pages[static_cast<std::size_t>(number - 1)] = page;
      }
      for (const json& number : message.at("ocr")) {
        queue_.push_back(Task{document.id, TaskKind::Ocr, number.get<int>()});
        ++document.outstanding;
        ++document.ocr_pages;
      }
    } else if (type == "page") {
      int number = task.page;
      if (number >= 1 && number <= document.page_count)
        document.pages[static_cast<std::size_t>(number - 1)] = message.at("page");
      if (--document.outstanding == 0) queue_.push_front(Task{document.id, TaskKind::Extract, 0});
    } else {
      fail(document, ErrorKind::Internal, "unexpected worker message type \"" + type + "\"");
    }
  }

  void worker_died(WorkerProcess& worker) {
    std::optional<Task> task = worker.task;
    int page = worker.page;
    double spent = seconds_between(worker.task_started, Clock::now());
    int status = stop(worker, /*kill_it=*/true);
    if (task) {
      auto found = documents_.find(task->doc);
      if (found != documents_.end()) {
        found->second.work_seconds += spent;
        std::string where = task->kind == TaskKind::Extract ? " while extracting"
                            : page > 0 ? " while reading page " + std::to_string(page)
                                       : " while opening the file";
        fail(found->second, ErrorKind::Crashed, describe_death(status) + where);
      }
    }
    replace(worker, /*kill_it=*/false);
  }

  void enforce_deadlines() {
    if (options_.timeout_seconds <= 0) return;
    auto now = Clock::now();
    std::map<int, double> spent;
    for (const WorkerProcess& worker : workers_)
      if (worker.task) spent[worker.task->doc] += seconds_between(worker.task_started, now);
    for (const auto& [doc, running] : spent) {
      auto found = documents_.find(doc);
      if (found == documents_.end()) continue;
      InFlightDocument& document = found->second;
      if (document.work_seconds + running <= options_.timeout_seconds) continue;
      int page = 0;
      for (WorkerProcess& worker : workers_) {
        if (!worker.task || worker.task->doc != doc) continue;
        if (page == 0) page = worker.page;
        document.work_seconds += seconds_between(worker.task_started, now);
        worker.task.reset();
        replace(worker, /*kill_it=*/true);
      }
      std::string where = page > 0 ? " while reading page " + std::to_string(page) : "";
      fail(document, ErrorKind::TimedOut,
           "timed out after " + format_seconds(options_.timeout_seconds) + " s" + where);
    }
  }

  // ---- outcomes ----------------------------------------------------------------------
  DocumentOutcome outcome_of(const InFlightDocument& document) const {
    DocumentOutcome outcome;
    outcome.sha256 = document.sha256;
    outcome.paths = document.paths;
    outcome.media_type = document.media_type;
    outcome.size_bytes = document.size;
    if (document.page_count > 0) outcome.pages = document.page_count;
    outcome.ocr_pages = document.ocr_pages;
    outcome.started_at = document.started_at;
    outcome.finished_at = utc_timestamp();
    outcome.wall_seconds = seconds_between(document.started, Clock::now());
    outcome.work_seconds = document.work_seconds;
    return outcome;
  }

  void succeed(InFlightDocument& document, json record) {
    if (record.is_object()) {
      record["source"]["sha256"] = document.sha256;
      if (!record["source"].contains("path")) record["source"]["path"] = document.path;
    }
    DocumentOutcome outcome = outcome_of(document);
    outcome.ok = true;
    outcome.record = &record;
    writer_.write(outcome);
    ++counters_.done;
    counters_.pages += document.page_count;
    counters_.ocr_pages += document.ocr_pages;
    report(document, outcome);
    forget(document);
  }

  void fail(InFlightDocument& document, ErrorKind kind, const std::string& reason) {
    DocumentOutcome outcome = outcome_of(document);
    outcome.ok = false;
    outcome.error_kind = error_kind_key(static_cast<int>(kind));
    outcome.error_message = reason;
    writer_.write(outcome);
    ++counters_.failed;
    report(document, outcome);
    forget(document);
  }

  void report(const InFlightDocument& document, const DocumentOutcome& outcome) {
    ++counters_.files_handled;  // further paths were counted as duplicates when seen
    finished_this_run_.insert(document.sha256);
    json event = {{"path", document.path},
                  {"sha256", document.sha256},
                  {"status", outcome.ok ? "done" : "failed"},
                  {"media_type", document.media_type},
                  {"pages", document.page_count},
                  {"ocr_pages", document.ocr_pages},
                  {"seconds", outcome.wall_seconds}};
    if (!outcome.ok) {
      event["error_kind"] = outcome.error_kind;
      event["error"] = outcome.error_message;
    }
    if (document.paths.size() > 1) event["paths"] = document.paths;
    progress_.document(counters_, event);
  }

  // Drops a finished document and any of its tasks still queued. Workers still busy on it
  // finish their task; their answers are then ignored.
  void forget(const InFlightDocument& document) {
    int id = document.id;
    in_flight_by_sha_.erase(document.sha256);
    queue_.erase(std::remove_if(queue_.begin(), queue_.end(),
                                [id](const Task& task) { return task.doc == id; }),
                 queue_.end());
    documents_.erase(id);  // `document` dangles from here on
  }

  void file_error(const std::string& path, ErrorKind kind, const std::string& reason) {
    std::string key = error_kind_key(static_cast<int>(kind));
    writer_.record_file_error(path, key, reason);
    ++counters_.failed;
    ++counters_.files_handled;
    progress_.document(
        counters_, {{"path", path}, {"status", "failed"}, {"error_kind", key}, {"error", reason}});
  }

  void log_skip(const std::string& path, const std::string& sha256, const char* status) {
    progress_.document(counters_, {{"path", path}, {"sha256", sha256}, {"status", status}});
  }

  const IngestOptions& options_;
  int jobs_;
  RecordWriter writer_;
  IngestProgress progress_;
  IngestCounters counters_;
  std::vector<std::string> files_;
  std::size_t next_file_ = 0;
  std::vector<WorkerProcess> workers_;
  std::map<int, InFlightDocument> documents_;
  std::unordered_map<std::string, int> in_flight_by_sha_;
  std::set<std::string> finished_this_run_;
  std::deque<Task> queue_;
  int next_id_ = 1;
  int replacements_ = 0;
};

}  // namespace

IngestCounters run_ingest(const IngestOptions& options) {
  Supervisor supervisor(options);
  return supervisor.run();
}

int ingest_exit_code(const IngestCounters& counters) {
  if (counters.interrupted) return kExitInterrupted;
  return counters.failed > 0 || counters.previously_failed > 0 ? kExitSomeFailed : 0;
}

}  // namespace declx::store
