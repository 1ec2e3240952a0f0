"""Readable names of background tasks and scheduled jobs for the back office's jobs page (never the dotted path
alone). Apps add theirs with `register_task_labels({...})`."""

from django.utils.translation import gettext_lazy as _

TASK_LABELS: dict[str, str] = {}


def register_task_labels(labels: dict) -> None:
    TASK_LABELS.update(labels)


def task_label(task_path: str) -> str:
    return str(TASK_LABELS.get(task_path, _("其他后台任务")))


STATUS_LABELS = {
    "READY": _("排队中"),
    "RUNNING": _("运行中"),
    "SUCCESSFUL": _("已完成"),
    "FAILED": _("失败"),
}

register_task_labels(
    {
        "gongkai.publishing.tasks.publish_due": _("定时发布与公示期满下线"),
        "gongkai.applications.tasks.send_reminders": _("依申请公开期限提醒"),
        "gongkai.villages.tasks.daily": _("村（社区）每日催办与提醒"),
        "gongkai.portal.pages.tasks.render_topics": _("更新静态页面"),
        "gongkai.portal.pages.tasks.rebuild_pages": _("重建全部静态页面"),
        "gongkai.search.tasks.reindex_all": _("重建检索索引"),
        "gongkai.search.tasks.index_later": _("检索服务恢复后补建索引"),
        "gongkai.screening.tasks.rescan": _("全站内容复查"),
        "gongkai.screening.tasks.import_list_upload": _("导入敏感词库或表述纠错"),
        "gongkai.villages.tasks.import_statement_upload": _("导入村级财务收支表"),
        "gongkai.oversight.tasks.daily_inspection": _("网站每日自查"),
        "gongkai.oversight.tasks.refresh_scores": _("更新考核得分走势"),
        "gongkai.oversight.tasks.daily_reminders": _("预警提醒（邮件、短信）"),
        "gongkai.catalog.tasks.export_catalog": _("导出标准目录"),
        "gongkai.catalog.tasks.import_catalog_upload": _("导入标准目录"),
        "gongkai.reports.tasks.render_report": _("生成年度报告文件"),
        "gongkai.oversight.tasks.inspection_for": _("立即检查网站"),
        "gongkai.engagement.tasks.export_survey_file": _("导出问卷答卷"),
        "gongkai.jobs.tasks.expire_result_files": _("删除过期的任务结果文件"),
    }
)
